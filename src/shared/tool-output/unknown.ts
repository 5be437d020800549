/** Text that holds nothing a parser recognised; `reason` says why in plain words. */
export interface UnknownResult {
  readonly kind: 'unknown';
  readonly reason: string;
}
