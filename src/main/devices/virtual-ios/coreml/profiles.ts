import { VirtualIphoneConfigError } from './errors.js';
import type { VirtualIphoneProfile } from './iphone-spec.js';
import { IPHONE_12 } from './profiles/iphone-12.js';
import { IPHONE_14 } from './profiles/iphone-14.js';
import { IPHONE_16_PRO } from './profiles/iphone-16-pro.js';

export const VIRTUAL_IPHONE_PROFILES = ['iphone-16-pro', 'iphone-14', 'iphone-12'] as const;
export type VirtualIphoneProfileName = (typeof VIRTUAL_IPHONE_PROFILES)[number];

const PROFILES: Readonly<Record<VirtualIphoneProfileName, VirtualIphoneProfile>> = {
  'iphone-16-pro': IPHONE_16_PRO,
  'iphone-14': IPHONE_14,
  'iphone-12': IPHONE_12,
};

export function isVirtualIphoneProfileName(name: string): name is VirtualIphoneProfileName {
  return (VIRTUAL_IPHONE_PROFILES as readonly string[]).includes(name);
}

export function getVirtualIphoneProfile(name: string): VirtualIphoneProfile {
  const profile = (PROFILES as Record<string, VirtualIphoneProfile | undefined>)[name];
  if (profile === undefined) {
    throw new VirtualIphoneConfigError(`unknown virtual iPhone profile '${name}' (known: ${VIRTUAL_IPHONE_PROFILES.join(', ')})`);
  }
  return profile;
}

/** MLComputePlan arrived in iOS 17.4. */
export function hasComputePlan(productVersion: string): boolean {
  const [major = 0, minor = 0] = productVersion.split('.').map(Number);
  return major > 17 || (major === 17 && minor >= 4);
}
