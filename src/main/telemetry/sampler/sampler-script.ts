// The telemetry loop that runs on the phone: one long-lived mksh process whose loop uses
// builtins only (read from sysfs, $EPOCHREALTIME, arithmetic, read -t on a FIFO as its
// sleep), so sampling starts no process per sample. It paces itself against absolute
// deadlines, so the time each iteration takes does not lower the rate.
//
// Samples are written in batches (about four a second), so the phone, adbd and the adb
// server move one packet per batch instead of one per sample.
//
// Output, one line each:
//   H <source count> <path>...          once, first
//   S <seq> <EPOCHREALTIME> <uptime s> <value>...   per sample; NA where a read failed
//   T+ … T-                             around each `dumpsys thermalservice` dump, when asked for
//                                       (T+ is written right after the previous dump's T-)
import { shQuote } from '../../devices/android/shell.js';

export interface SamplerScriptOptions {
  /** Files to read each sample (sysfs paths the facts found readable). */
  sources: readonly string[];
  rateHz: number;
  /** Our folder on the phone, for the FIFO and the pidfile. */
  workDir: string;
  /** Where uptime is read; /proc/uptime on a phone (≈ BOOTTIME, 10 ms resolution). */
  uptimeFile?: string;
  /**
   * Dump `dumpsys thermalservice` this often (seconds) from one background loop of the same
   * script: one process per dump, and no new adb connection for it.
   */
  thermalEveryS?: number;
}

export const SAMPLER_PIDFILE = 'sampler.pid';
export const SAMPLER_THERMAL_PIDFILE = 'sampler-thermal.pid';
export const SAMPLER_FIFO = 'sampler.fifo';

export function samplerScript(options: SamplerScriptOptions): string {
  const periodUs = Math.round(1_000_000 / options.rateHz);
  if (!(periodUs >= 1000 && periodUs <= 60_000_000)) throw new RangeError(`A sampling rate of ${options.rateHz} Hz is outside 1/60 Hz to 1000 Hz`);
  const dir = shQuote(options.workDir);
  const fifo = shQuote(`${options.workDir}/${SAMPLER_FIFO}`);
  const sources = options.sources.map((path, i) => `f${i}=${shQuote(path)}`);
  const reads = options.sources.map((_, i) => `  v${i}=NA; read -r v${i} 2>/dev/null <"$f${i}" || v${i}=NA`);
  const values = options.sources.map((_, i) => `$v${i}`).join(' ');
  const batch = Math.max(1, Math.round(options.rateHz / 4));
  const thermal =
    options.thermalEveryS === undefined
      ? []
      : [
          // Opens the FIFO anew: the background loop must not share the main loop's read offset.
          // A dump's closing mark and the next one's opening mark go out in one write: one
          // packet fewer through adbd and the adb server per dump.
          `( exec 4<>${fifo}; echo 'T+' || exit 0; while :; do dumpsys thermalservice 2>&1; echo "T-\${nl}T+" || exit 0; read -t ${options.thermalEveryS} -u4 _w; done ) &`,
          `echo $! >${shQuote(`${options.workDir}/${SAMPLER_THERMAL_PIDFILE}`)}`,
        ];
  return [
    `cd ${dir} || exit 3`,
    `echo $$ >${shQuote(`${options.workDir}/${SAMPLER_PIDFILE}`)}`,
    `if [ ! -p ${fifo} ]; then mkfifo ${fifo} || exit 4; fi`,
    // Opened read-write, the FIFO never delivers end-of-file, so `read -t` on it only times out.
    `exec 3<>${fifo}`,
    ...sources,
    `uf=${shQuote(options.uptimeFile ?? '/proc/uptime')}`,
    `echo "H ${options.sources.length} ${options.sources.join(' ')}"`,
    "nl='",
    "'",
    ...thermal,
    `p=${periodUs}`,
    `k=${batch}`,
    'buf=',
    'typeset -Z6 frac',
    'n=0',
    'next=-1',
    'while :; do',
    '  t=$EPOCHREALTIME',
    '  up=NA; read -r up rest 2>/dev/null <"$uf" || up=NA',
    ...reads,
    '  n=$((n + 1))',
    `  buf="\${buf}S $n $t $up ${values}\${nl}"`,
    '  if [ $((n % k)) -eq 0 ]; then echo -n "$buf" || exit 0; buf=; fi',
    // Microseconds within a 1000 s window keep the arithmetic inside 32 bits.
    '  s=${t%.*}; us=${t#*.}',
    '  now=$(( (s % 1000) * 1000000 + 10#$us ))',
    '  if [ $next -lt 0 ]; then next=$now; fi',
    '  next=$(( (next + p) % 1000000000 ))',
    '  d=$(( next - now ))',
    '  if [ $d -lt -500000000 ]; then d=$(( d + 1000000000 )); fi',
    '  if [ $d -gt 500000000 ]; then d=$(( d - 1000000000 )); fi',
    // Fell behind by more than a period: start the schedule afresh instead of racing.
    '  if [ $d -lt 0 ]; then next=$now; d=0; fi',
    '  frac=$(( d % 1000000 ))',
    '  if [ $d -gt 0 ]; then read -t $(( d / 1000000 )).$frac -u3 _ignored; fi',
    'done',
  ].join('\n');
}
