import type { PlistObject } from '../ios/wire/plist-codec.js';

/** What the transport saw, for tests and `--verbose` output. */
export type VirtualIphoneEvent =
  | { readonly kind: 'request'; readonly protocol: 'usbmux' | 'lockdown' | 'diagnostics_relay' | 'house_arrest' | 'installation_proxy'; readonly request: PlistObject }
  | { readonly kind: 'connect'; readonly port: number }
  | { readonly kind: 'tls'; readonly where: string; readonly protocol: string | null; readonly cipher: string }
  | { readonly kind: 'afc'; readonly operation: string; readonly path?: string; readonly status: number }
  | { readonly kind: 'protocol-error'; readonly protocol: string; readonly message: string };

export type VirtualIphoneLog = (event: VirtualIphoneEvent) => void;
