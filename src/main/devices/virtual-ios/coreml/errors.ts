import { VirtualIphoneError } from '../errors.js';

/** Unknown profile name, a thermal speed out of range and the like. */
export class VirtualIphoneConfigError extends VirtualIphoneError {
  override readonly name = 'VirtualIphoneConfigError';
}
