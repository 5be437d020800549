// Fixed vocabularies of the contract, free of zod so the window can import them cheaply.
export const PATH_IDS = ['npu', 'gpu', 'cpu'] as const;
export const VIRTUAL_PROFILES = ['flagship', 'midrange', 'budget'] as const;
export const EXPORT_FORMATS = ['perfetto', 'json', 'csv', 'summary'] as const;

export type PathId = (typeof PATH_IDS)[number];
export type VirtualProfile = (typeof VIRTUAL_PROFILES)[number];
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
