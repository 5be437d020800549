// Listings of `/sys/class/thermal/thermal_zone*/{type,temp}`.
export interface ThermalZone {
  readonly index: number;
  readonly type: string | null;
  /** `temp` as printed (the kernel ABI says millidegrees; some kernels print degrees or tenths). */
  readonly temp_raw: number | null;
  readonly celsius: number | null;
  readonly temp_unit: 'millidegree' | 'decidegree' | 'degree' | null;
}

export interface ThermalZonesResult {
  readonly kind: 'thermal_zones';
  readonly zones: readonly ThermalZone[];
  /** `paths`: each value came with its zone's path; `sorted_names`: bare values mapped in the shell's glob (sorted-name) order. */
  readonly indexing: 'paths' | 'sorted_names';
}
