/** Base of every error the virtual iPhone's physics half raises. */
export abstract class VirtualIphoneError extends Error {
  override readonly name: string = 'VirtualIphoneError';
}

/** Unknown profile name, a thermal speed out of range and the like. */
export class VirtualIphoneConfigError extends VirtualIphoneError {
  override readonly name = 'VirtualIphoneConfigError';
}
