// Branded numbers so a time, a duration and a count of some other unit cannot be mixed up.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Milliseconds on the host's wall clock (Date.now()). */
export type HostTimeMs = Brand<number, 'HostTimeMs'>;
/** Nanoseconds on the phone's BOOTTIME clock, the clock of its Perfetto traces. */
export type DeviceTimeNs = Brand<bigint, 'DeviceTimeNs'>;
/** A length of time in microseconds. */
export type DurationUs = Brand<number, 'DurationUs'>;
/** A length of time in milliseconds. */
export type DurationMs = Brand<number, 'DurationMs'>;

export const hostNow = (): HostTimeMs => Date.now() as HostTimeMs;
export const durationUs = (n: number): DurationUs => n as DurationUs;
export const durationMs = (n: number): DurationMs => n as DurationMs;
export const usToMs = (us: DurationUs): DurationMs => (us / 1000) as DurationMs;
export const msToUs = (ms: DurationMs): DurationUs => (ms * 1000) as DurationUs;
