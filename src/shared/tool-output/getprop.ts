/** Bare `getprop` output (`[key]: [value]` per line), with the device facts picked out. */
export interface GetpropResult {
  readonly kind: 'getprop';
  readonly manufacturer: string | null;
  readonly model: string | null;
  readonly soc_manufacturer: string | null;
  readonly soc_model: string | null;
  readonly board_platform: string | null;
  readonly hardware: string | null;
  readonly sdk: number | null;
  /** User-visible version; a letter on previews (`P`). */
  readonly release: string | null;
  readonly abi: string | null;
  readonly abi_list: readonly string[];
  readonly build_type: string | null;
  readonly debuggable: boolean | null;
  readonly fingerprint: string | null;
  readonly properties: Readonly<Record<string, string>>;
}
