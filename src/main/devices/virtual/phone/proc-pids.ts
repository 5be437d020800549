// /proc/<pid>/{cmdline,comm} for every process, live: cmdline is argv NUL-separated (argv[0] exactly as typed,
// which is what libcutils' atrace app match reads), comm the 15-character task name.
import type { Vfs } from '../fs/vfs.js';
import type { PhoneProcessTable } from '../process/process-table.js';

export function installProcPids(vfs: Vfs, processes: PhoneProcessTable): void {
  const define = (pid: number, argv: () => readonly string[]): void => {
    vfs.defineDynamic(`/proc/${pid}/cmdline`, { read: () => argv().map((a) => `${a}\0`).join(''), statSize: 0 });
    vfs.defineDynamic(`/proc/${pid}/comm`, {
      read: () => {
        const arg0 = argv()[0] ?? '';
        return `${arg0.slice(arg0.lastIndexOf('/') + 1).slice(0, 15)}\n`;
      },
      statSize: 0,
    });
    vfs.lookup(`/proc/${pid}`).mode = 0o555;
  };
  for (const p of processes.list()) define(p.pid, () => p.argv);
  processes.onSpawn((p) => define(p.pid, () => p.argv));
  processes.onExit((p) => {
    for (const name of ['cmdline', 'comm']) vfs.unlink(`/proc/${p.pid}/${name}`);
    vfs.rmdir(`/proc/${p.pid}`);
  });
}
