// Fixed vocabularies of the contract, free of zod so the window can import them cheaply.
export const PATH_IDS = ['npu', 'gpu', 'cpu'] as const;
export const VIRTUAL_PROFILES = ['flagship', 'midrange', 'budget', 'pixel'] as const;
/** Virtual iPhones (a Core ML device model behind a simulated usbmuxd and lockdownd). */
export const VIRTUAL_IOS_PROFILES = ['iphone-16-pro', 'iphone-14', 'iphone-12'] as const;
export const EXPORT_FORMATS = ['perfetto', 'json', 'csv', 'summary'] as const;

export type PathId = (typeof PATH_IDS)[number];
export type VirtualProfile = (typeof VIRTUAL_PROFILES)[number];
export type VirtualIosProfile = (typeof VIRTUAL_IOS_PROFILES)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isVirtualIosProfile(name: string): name is VirtualIosProfile {
  return (VIRTUAL_IOS_PROFILES as readonly string[]).includes(name);
}
