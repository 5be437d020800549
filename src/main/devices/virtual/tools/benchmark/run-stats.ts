// tsl StatWithPercentiles<int64_t> as benchmark_model prints it (benchmark-tools.md §2.5 #15): whole µs,
// `avg` as a C++ double, `std` the truncated population deviation, percentiles the nth element of the sorted
// values at n·p/100.
import { cppNumber } from './cpp-format.js';

export class RunStats {
  readonly #values: number[] = [];
  #sum = 0;
  #squares = 0;

  add(valueUs: number): void {
    const v = Math.round(valueUs);
    this.#values.push(v);
    this.#sum += v;
    this.#squares += v * v;
  }

  get count(): number {
    return this.#values.length;
  }

  get first(): number {
    return this.#values[0] ?? Number.NaN;
  }

  get avg(): number {
    return this.count === 0 ? Number.NaN : this.#sum / this.count;
  }

  get values(): readonly number[] {
    return this.#values;
  }

  #allSame(): boolean {
    const first = this.#values[0];
    return this.#values.every((v) => v === first);
  }

  percentile(p: number): number {
    const sorted = [...this.#values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
  }

  /** `count=… first=… curr=… min=… max=… avg=… std=… p5=… median=… p95=…` (or its short forms). */
  format(): string {
    const n = this.count;
    if (n === 0) return 'count=0';
    const newest = this.#values[n - 1] ?? 0;
    if (this.#allSame()) return `count=${n} curr=${newest}${n > 1 ? '(all same)' : ''}`;
    const min = this.#values.reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    const max = this.#values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
    const variance = Math.trunc(this.#squares / n - this.avg * this.avg);
    const std = Math.trunc(Math.sqrt(Math.max(0, variance)));
    return (
      `count=${n} first=${this.first} curr=${newest} min=${min} max=${max} avg=${cppNumber(this.avg)} std=${std}` +
      ` p5=${this.percentile(5)} median=${this.percentile(50)} p95=${this.percentile(95)}`
    );
  }
}
