// The telemetry loop that runs on the phone: one long-lived mksh process whose loop uses
// builtins only (read from sysfs, $EPOCHREALTIME, arithmetic, read -t on a FIFO as its
// sleep), so sampling starts no process per sample. It paces itself against absolute
// deadlines, so the time each iteration takes does not lower the rate.
//
// Samples are written in batches (one every SAMPLER_BATCH_S), so the phone, adbd and the adb
// server move one packet per batch instead of one per sample. The host writes each batch to the
// session as soon as it is read, so a crash of the host loses less than a second of readings.
//
// Output, one line each:
//   H <source count> <path>...          once, first
//   S <seq> <EPOCHREALTIME> <uptime s> <value>...   per sample; NA where a read failed
//   T+ … T-                             around each `dumpsys thermalservice` dump, when asked for,
//                                       sent after the samples of the batch it came with: first
//   @thermal-at <EPOCHREALTIME>         the moment the dump ended, then the dump without the
//                                       sections the host does not read (listeners, stale cached
//                                       readings, cooling devices, thresholds); on a phone with power rails
//                                       the block then holds
//   @rails-begin <EPOCHREALTIME>        the energy meter section of `dumpsys
//   …                                   android.hardware.power.stats.IPowerStats/default`, with the
//   @rails-end <EPOCHREALTIME>          moment the dump ended on both lines
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
  /**
   * With the thermal dump, also dump the ODPM power rails (cumulative energy per rail) from the same loop.
   * Only the energy meter section travels to the host: a Pixel's state residencies run to hundreds of lines.
   */
  powerRails?: boolean;
}

export const POWER_STATS_COMMAND = 'dumpsys android.hardware.power.stats.IPowerStats/default';
export const RAILS_BEGIN = '@rails-begin';
export const RAILS_END = '@rails-end';
export const THERMAL_AT = '@thermal-at';

/** Seconds of samples per batch: each batch costs a wake-up of the host and of the adb server, whatever its size. */
export const SAMPLER_BATCH_S = 0.7;

export const SAMPLER_PIDFILE = 'sampler.pid';
export const SAMPLER_THERMAL_PIDFILE = 'sampler-thermal.pid';
export const SAMPLER_FIFO = 'sampler.fifo';
/** The thermal loop's dumps, `sampler-thermal.0` and `.1` in turn; `.seq` names the newest. */
const THERMAL_FILE = 'sampler-thermal';

export function samplerScript(options: SamplerScriptOptions): string {
  const periodUs = Math.round(1_000_000 / options.rateHz);
  if (!(periodUs >= 1000 && periodUs <= 60_000_000)) throw new RangeError(`A sampling rate of ${options.rateHz} Hz is outside 1/60 Hz to 1000 Hz`);
  const dir = shQuote(options.workDir);
  const fifo = shQuote(`${options.workDir}/${SAMPLER_FIFO}`);
  const sources = options.sources.map((path, i) => `f${i}=${shQuote(path)}`);
  const reads = options.sources.map((_, i) => `  v${i}=NA; read -r v${i} 2>/dev/null <"$f${i}" || v${i}=NA`);
  const values = options.sources.map((_, i) => `$v${i}`).join(' ');
  // A batch goes once this much time has passed since the last (less half a period, so it is not a sample late).
  const batchUs = Math.max(0, Math.round(SAMPLER_BATCH_S * 1_000_000 - periodUs / 2));
  const rails = options.thermalEveryS !== undefined && options.powerRails === true;
  // The full dump goes to a scratch file and the background loop keeps only the energy meter section (whose
  // header and end lines both name it: each flips m), so the timed main loop reads a few lines, not hundreds.
  // The HAL prints the meter last, so the reading is stamped when dumpsys returns.
  const railsDump = rails
    ? ` ${POWER_STATS_COMMAND} >${THERMAL_FILE}.d 2>/dev/null; b=$EPOCHREALTIME; m=0; { echo "${RAILS_BEGIN} $b"; while IFS= read -r l; do case $l in *'energy meter'*) m=$((1 - m)); print -r -- "$l" ;; *) if [ $m -eq 1 ]; then print -r -- "$l"; fi ;; esac; done <${THERMAL_FILE}.d; echo "${RAILS_END} $b"; } >${THERMAL_FILE}.r$i 2>/dev/null; echo $i >${THERMAL_FILE}.rseq;`
    : '';
  const thermalDump = `dumpsys thermalservice >${THERMAL_FILE}.t 2>&1; a=$EPOCHREALTIME; { echo "${THERMAL_AT} $a"; ${thermalDumpFilter(`${THERMAL_FILE}.t`)}; } >${THERMAL_FILE}.$i 2>/dev/null; echo $i >${THERMAL_FILE}.seq;`;
  const thermal =
    options.thermalEveryS === undefined
      ? []
      : [
          // Each dump goes to a file (two, in turn), named in its own .seq file as soon as it is written, and the
          // main loop sends it with its next batch: no packet of its own through adbd and the adb server. Opens the
          // FIFO anew, so it does not share the main loop's read offset; ends when the main loop is gone.
          `( exec 4<>${fifo}; i=0; while kill -0 $$ 2>/dev/null; do ${thermalDump}${railsDump} i=$((1 - i)); read -t ${options.thermalEveryS} -u4 _w; done ) &`,
          `echo $! >${shQuote(`${options.workDir}/${SAMPLER_THERMAL_PIDFILE}`)}`,
        ];
  const attachThermal =
    options.thermalEveryS === undefined
      ? []
      : [
          `    ts=; read -r ts 2>/dev/null <${THERMAL_FILE}.seq; nt=0; if [ -n "$ts" ] && [ "$ts" != "$tl" ]; then nt=1; fi`,
          ...(rails ? [`    rs=; read -r rs 2>/dev/null <${THERMAL_FILE}.rseq; nr=0; if [ -n "$rs" ] && [ "$rs" != "$rl" ]; then nr=1; fi`] : ['    nr=0']),
          '    if [ $nt -eq 1 ] || [ $nr -eq 1 ]; then',
          '      buf="${buf}T+${nl}"',
          `      if [ $nt -eq 1 ]; then tl=$ts; while IFS= read -r l; do buf="$buf$l$nl"; done 2>/dev/null <${THERMAL_FILE}.$ts; fi`,
          ...(rails ? [`      if [ $nr -eq 1 ]; then rl=$rs; while IFS= read -r l; do buf="$buf$l$nl"; done 2>/dev/null <${THERMAL_FILE}.r$rs; fi`] : []),
          '      buf="${buf}T-${nl}"',
          '    fi',
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
    `: >${THERMAL_FILE}.seq; : >${THERMAL_FILE}.rseq`,
    'tl=; rl=',
    ...thermal,
    `p=${periodUs}`,
    `bu=${batchUs}`,
    'buf=',
    'typeset -Z6 frac',
    'n=0',
    'next=-1',
    'lb=-1',
    'while :; do',
    '  t=$EPOCHREALTIME',
    '  up=NA; read -r up rest 2>/dev/null <"$uf" || up=NA',
    ...reads,
    '  n=$((n + 1))',
    `  buf="\${buf}S $n $t $up ${values}\${nl}"`,
    // Microseconds within a 1000 s window keep the arithmetic inside 32 bits.
    '  s=${t%.*}; us=${t#*.}',
    '  now=$(( (s % 1000) * 1000000 + 10#$us ))',
    '  if [ $lb -lt 0 ]; then lb=$now; fi',
    '  e=$(( now - lb )); if [ $e -lt 0 ]; then e=$(( e + 1000000000 )); fi',
    // By time, not by count: a loop that falls behind still sends what it read within the batch time.
    '  if [ $e -ge $bu ]; then',
    ...attachThermal,
    // print -r: echo would read backslashes in a sensor's name as escapes.
    '    print -nr -- "$buf" || exit 0; buf=; lb=$now',
    '  fi',
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

/**
 * Prints the lines of a `dumpsys thermalservice` dump (in `file`, a quoted-safe name) that the host reads: the
 * status, the HAL's name (Samsung's HAL numbers its sensor types its own way) and the live HAL temperatures. A section
 * header turns keeping off or on for the lines after it; the listeners, stale cached readings, cooling devices and
 * thresholds stay on the phone, and a section the filter does not know is kept. Every line kept is parsed by the host
 * once a second, in code run too rarely for V8 to optimise.
 */
export function thermalDumpFilter(file: string): string {
  return `keep=1; while IFS= read -r l; do case $l in *'IsStatusOverride:'*|*'Listeners:'*|*'Cached temperatures:'*|*'Current cooling devices from HAL:'*|*'Temperature static thresholds from HAL:'*|*'Temperature headroom thresholds:'*) keep=0 ;; *'Thermal Status:'*|*'HAL Ready:'*|*'HAL connection:'*|*'Current temperatures from HAL:'*) keep=1 ;; esac; if [ $keep -eq 1 ]; then print -r -- "$l"; fi; done <${file}`;
}
