/** Base of every error the virtual phone raises. */
export abstract class VirtualPhoneError extends Error {
  override readonly name: string = 'VirtualPhoneError';
}

/** The host sent bytes that break the ADB transport or a service protocol. */
export class AdbProtocolError extends VirtualPhoneError {
  override readonly name = 'AdbProtocolError';
}

/** A write to a stream the host has already closed. */
export class AdbStreamClosedError extends VirtualPhoneError {
  override readonly name = 'AdbStreamClosedError';
  constructor(readonly localId: number) {
    super(`ADB stream ${localId} is closed`);
  }
}

/** `startVirtualPhone` could not listen, connect, or was given bad options. */
export class VirtualPhoneStartError extends VirtualPhoneError {
  override readonly name = 'VirtualPhoneStartError';
}

/** The `adb` binary failed or did not answer in time. */
export class AdbCliError extends VirtualPhoneError {
  override readonly name = 'AdbCliError';
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly output: string,
  ) {
    super(message);
  }
}

/** A script the phone's shell cannot parse (the message is the shell's own). */
export class ShellSyntaxError extends VirtualPhoneError {
  override readonly name = 'ShellSyntaxError';
}

/** Unknown profile name and the like. */
export class VirtualPhoneConfigError extends VirtualPhoneError {
  override readonly name = 'VirtualPhoneConfigError';
}
