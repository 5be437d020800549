// Failures talking to iPhones, each with what the user can do about it.
import { ApiBoundaryError } from '../../api/errors.js';

export class IosDeviceError extends ApiBoundaryError {
  constructor(message: string, hint: string | null = null) {
    super('device', message, hint);
  }
}

export const TRUST_HINT = 'Unlock the iPhone and tap Trust when it asks whether to trust this computer; then plug it in again.';

export class UsbmuxdUnreachableError extends IosDeviceError {
  constructor(address: string, detail: string) {
    super(
      `usbmuxd, the service through which computers talk to iPhones, did not answer at ${address} (${detail}).`,
      'On Debian or Ubuntu install and start it (`sudo apt-get install usbmuxd`); on macOS and Windows it comes with Finder or the Apple Devices app. ' +
        'Set USBMUXD_SOCKET_ADDRESS (UNIX:/path or host:port) to use another one.',
    );
  }
}

export class IosNotPairedError extends IosDeviceError {
  constructor(udid: string) {
    super(`This computer is not paired with the iPhone ${udid}.`, TRUST_HINT);
  }
}

export class IosDeviceGoneError extends IosDeviceError {
  constructor(udid: string) {
    super(`The iPhone ${udid} is no longer connected.`, 'Plug it back in; what was recorded so far is kept.');
  }
}

export class IosTimeoutError extends IosDeviceError {
  constructor(udid: string, what: string, ms: number) {
    super(`The iPhone ${udid} did not finish ${what} within ${(ms / 1000).toFixed(1)} s.`, 'Check that it is unlocked and still connected.');
  }
}

export class IosServiceError extends IosDeviceError {
  constructor(udid: string, service: string, detail: string) {
    super(`The iPhone ${udid} refused the service ${service} (${detail}).`, 'Unlock the iPhone and try again; some services need Developer Mode (Settings › Privacy & Security › Developer Mode).');
  }
}
