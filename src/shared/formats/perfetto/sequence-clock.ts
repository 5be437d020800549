// A sequence-scoped incremental clock (perfetto.md §1.7 ClockSnapshot, §2.4): the sequence's packets carry
// `timestamp` as the ns since the sequence's previous timestamp on that clock, which costs 2–4 bytes instead of
// the 8–9 an absolute BOOTTIME value takes. Trace processor adds each delta to the clock's last value and maps
// the sum to BOOTTIME through the snapshot (google/perfetto src/trace_processor/util/clock_synchronizer.h,
// ClockDomain::ToNs; clock_synchronizer.cc AddSnapshot sets the last value from each snapshot).
//
// A timestamp earlier than the last one cannot be a delta (deltas are uint64): such a packet names BOOTTIME in
// its own `timestamp_clock_id` and carries the absolute value, and the incremental clock keeps its place.
import { PerfettoWriteError } from './errors.js';
import { PerfettoBuiltinClock, PerfettoPacketField } from './fields.js';
import type { ProtoEncoder } from './proto/encoder.js';
import type { PerfettoClockSnapshotInput, PerfettoTimestamp } from './write-types.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const { timestamp: TIMESTAMP, timestampClockId: TIMESTAMP_CLOCK_ID } = PerfettoPacketField;
const BOOTTIME = PerfettoBuiltinClock.BOOTTIME;

export interface PerfettoIncrementalClockSpec {
  /** Sequence-scoped clock id, 64–127 (§1.1 timestamp_clock_id). */
  readonly clockId: number;
  /** BOOTTIME ns that number timestamps count from; the clock starts here. */
  readonly referenceNs: bigint;
}

export class PerfettoSequenceClock {
  readonly clockId: number;
  readonly referenceNs: bigint;
  /** ns after the reference of the last delta-encoded timestamp. */
  #last = 0;

  constructor(spec: PerfettoIncrementalClockSpec) {
    if (!Number.isInteger(spec.clockId) || spec.clockId < 64 || spec.clockId > 127) {
      throw new PerfettoWriteError(`clock id ${spec.clockId} is not a sequence-scoped clock id (64–127)`);
    }
    if (spec.referenceNs < 0n) throw new PerfettoWriteError('the clock reference must not be negative');
    this.clockId = spec.clockId;
    this.referenceNs = spec.referenceNs;
  }

  /** The clock's current value, BOOTTIME ns. */
  get nowNs(): bigint {
    return this.referenceNs + BigInt(this.#last);
  }

  /**
   * Ties the clock to BOOTTIME at its current value. Both carry the same number, so converting between them
   * adds nothing; the incremental clock restarts from it.
   */
  snapshot(): PerfettoClockSnapshotInput {
    const now = this.nowNs;
    return {
      clocks: [
        { clockId: this.clockId, timestamp: now, isIncremental: true },
        { clockId: BOOTTIME, timestamp: now },
      ],
    };
  }

  /** Writes the packet's timestamp fields; true when it was written as a delta on this clock. */
  write(e: ProtoEncoder, timestamp: PerfettoTimestamp): boolean {
    let offset: number;
    if (typeof timestamp === 'number') {
      if (!Number.isSafeInteger(timestamp)) {
        throw new PerfettoWriteError(`timestamp ${timestamp} is not a whole number of ns after the clock reference`);
      }
      offset = timestamp;
    } else {
      const d = timestamp - this.referenceNs;
      offset = d >= 0n && d <= MAX_SAFE ? Number(d) : -1;
    }
    if (offset >= this.#last) {
      e.uint(TIMESTAMP, offset - this.#last);
      this.#last = offset;
      return true;
    }
    const absolute = typeof timestamp === 'bigint' ? timestamp : this.referenceNs + BigInt(timestamp);
    if (absolute < 0n) throw new PerfettoWriteError('a timestamp falls before BOOTTIME 0');
    e.int64(TIMESTAMP, absolute);
    e.uint(TIMESTAMP_CLOCK_ID, BOOTTIME);
    return false;
  }
}
