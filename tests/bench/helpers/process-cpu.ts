// CPU time of the bench's own process and of the adb server, for bench:capture.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export function adbServerPid(port: number): number {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes(`tcp:${port}`) && l.includes('fork-server'));
  if (!line) throw new Error(`no adb server on port ${port}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** One thread's run time so far: ms on a CPU, and how many times it was put on one. */
export interface ThreadCpu {
  ms: number;
  runs: number;
}

/**
 * The run time of each thread of another process, to the nanosecond (/proc/<pid>/task/<tid>/schedstat):
 * /proc/<pid>/stat counts in clock ticks of 10 ms, too coarse for the adb server, which spends some
 * 15 ms per 15 s of streaming. Compare two readings with `threadsCpuBetween`.
 */
export function threadsCpu(pid: number): ReadonlyMap<string, ThreadCpu> {
  const threads = new Map<string, ThreadCpu>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let schedstat: string;
    try {
      schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8');
    } catch {
      continue; // ended while being read
    }
    const [runNs = '0', , runs = '0'] = schedstat.split(' ');
    threads.set(tid, { ms: Number(runNs) / 1e6, runs: Number(runs) });
  }
  if (threads.size === 0) throw new Error(`No thread of process ${pid} could be read`);
  return threads;
}

/**
 * What each thread spent between two readings, and the sum. A thread that began in between counts whole; one
 * that ended in between is missing, and named in `ended`, since its last share cannot be known.
 */
export function threadsCpuBetween(a: ReadonlyMap<string, ThreadCpu>, b: ReadonlyMap<string, ThreadCpu>): { ms: number; threads: ThreadCpu[]; ended: string[] } {
  const threads = [...b].map(([tid, t]) => ({ ms: t.ms - (a.get(tid)?.ms ?? 0), runs: t.runs - (a.get(tid)?.runs ?? 0) }));
  return { ms: threads.reduce((sum, t) => sum + t.ms, 0), threads, ended: [...a.keys()].filter((tid) => !b.has(tid)) };
}

/** CPU time of this process in ms, all its threads. */
export const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Waits until this process is done with its own start-up: loading and compiling the code
 * (tsx's loader thread, V8's background compiler) and the garbage collections after it (one
 * burst of some 100–200 ms about 8 s in) would otherwise be counted as the cost of whatever
 * is measured first. Quiet means `quietS` seconds in a row each under `quietMsPerS` of CPU.
 * Returns the seconds waited.
 */
export async function waitUntilQuiet(quietMsPerS = 5, quietS = 10, maxS = 90): Promise<number> {
  const started = Date.now();
  let quietSeconds = 0;
  while (quietSeconds < quietS && Date.now() - started < maxS * 1000) {
    const before = ownCpuMs();
    await new Promise((r) => setTimeout(r, 1000));
    quietSeconds = ownCpuMs() - before < quietMsPerS ? quietSeconds + 1 : 0;
  }
  return (Date.now() - started) / 1000;
}
