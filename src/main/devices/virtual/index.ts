export { startVirtualPhone } from './virtual-phone.js';
export type { RunningVirtualPhone, StartVirtualPhoneOptions } from './virtual-phone.js';
export { runSimCommand, parseSimArgs } from './sim-command.js';
export { VirtualPhone } from './phone/phone.js';
export { getVirtualPhoneProfile, registerVirtualPhoneProfile, virtualPhoneProfileNames } from './phone/profiles.js';
export type { VirtualPhoneProfile } from './phone/profiles.js';
export type { PhoneCommand, PhoneCommandContext } from './phone/command.js';
export * from './errors.js';
