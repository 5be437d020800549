// Failures talking to Android phones, each with what the user can do about it.
import { ApiBoundaryError } from '../../api/errors.js';

export class AndroidDeviceError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('device', message, hint);
  }
}

export const INSTALL_ADB_HINT =
  'Install Android platform-tools: on Debian or Ubuntu `sudo apt-get install adb`, on macOS ' +
  '`brew install --cask android-platform-tools`, on Windows `winget install Google.PlatformTools`.';

export class AdbMissingError extends AndroidDeviceError {
  constructor() {
    super('adb, the Android Debug Bridge, is not installed or not on the PATH.', INSTALL_ADB_HINT);
  }
}

export class AdbServerUnreachableError extends AndroidDeviceError {
  constructor(port: number, detail: string) {
    super(
      `The adb server on port ${port} did not answer (${detail}).`,
      `Start it with \`adb -P ${port} start-server\`, or point Tetherscope at the port your adb server uses (ANDROID_ADB_SERVER_PORT).`,
    );
  }
}

export class DeviceGoneError extends AndroidDeviceError {
  constructor(serial: string) {
    super(`The phone ${serial} is no longer connected.`, 'Plug it back in; what was recorded so far is kept.');
  }
}

export class DeviceCommandTimeoutError extends AndroidDeviceError {
  constructor(serial: string, what: string, ms: number) {
    super(`The phone ${serial} did not finish ${what} within ${(ms / 1000).toFixed(1)} s.`, 'Check that the phone is unlocked and still connected.');
  }
}
