// CPU time of the bench's own process and of the adb server, for bench:capture.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const CLK_TCK = 100;

export function adbServerPid(port: number): number {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  const line = out.split('\n').find((l) => l.includes(`tcp:${port}`) && l.includes('fork-server'));
  if (!line) throw new Error(`no adb server on port ${port}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** CPU time of another process in ms, from /proc/<pid>/stat (utime + stime). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
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
