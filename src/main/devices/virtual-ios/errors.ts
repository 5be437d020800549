/** Base of every error the virtual iPhone raises, transport and device model alike. */
export abstract class VirtualIphoneError extends Error {
  override readonly name: string = 'VirtualIphoneError';
}

export { PlistCodecError } from '../ios/wire/plist-codec.js';

/** A usbmuxd client broke the framing (bad header, oversize, not a plist request). */
export class UsbmuxProtocolError extends VirtualIphoneError {
  override readonly name = 'UsbmuxProtocolError';
}

/** A lockdownd or plist-service client broke the 4-byte-length + plist framing. */
export class PlistServiceProtocolError extends VirtualIphoneError {
  override readonly name = 'PlistServiceProtocolError';
}

/** An AFC client broke the `CFA6LPAA` packet framing. */
export class AfcProtocolError extends VirtualIphoneError {
  override readonly name = 'AfcProtocolError';
}

/** `startVirtualIphoneTransport` was given bad options or could not listen. */
export class VirtualIphoneStartError extends VirtualIphoneError {
  override readonly name = 'VirtualIphoneStartError';
}
