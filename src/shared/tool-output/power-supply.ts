/** A power-supply `uevent` dump (`POWER_SUPPLY_KEY=value`, or `KEY=value` as some tools print it). */
export interface PowerSupplyEntry {
  readonly name: string | null;
  readonly type: string | null;
  readonly status: string | null;
  /** `CURRENT_NOW` as printed: sign and unit are the driver's (see calibration). */
  readonly current_ua: number | null;
  readonly voltage_uv: number | null;
  readonly capacity: number | null;
  /** `TEMP` is tenths of a degree. */
  readonly temp_c: number | null;
  readonly present: boolean | null;
  readonly health: string | null;
  readonly properties: Readonly<Record<string, string>>;
}

export interface PowerSupplyResult {
  readonly kind: 'power_supply';
  /** Fields of the battery supply (TYPE=Battery, else one named battery, else the first). */
  readonly name: string | null;
  readonly status: string | null;
  readonly current_ua: number | null;
  readonly voltage_uv: number | null;
  readonly capacity: number | null;
  readonly temp_c: number | null;
  readonly supplies: readonly PowerSupplyEntry[];
}
