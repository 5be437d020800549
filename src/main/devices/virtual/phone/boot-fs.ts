import { randomBytes } from 'node:crypto';
import { CharDeviceFile } from '../fs/fd-table.js';
import type { Vfs } from '../fs/vfs.js';
import type { PhoneClock } from './clock.js';
import { profileCpuCount } from './profiles.js';
import type { VirtualPhoneProfile } from './profiles.js';

const ROOT = 0;
const SYSTEM = 1000;
const SHELL = 2000;
const EVERYBODY = 9997;

/** Lays out the file system of a freshly booted phone (Android 14 shapes and permissions). */
export function bootFileSystem(vfs: Vfs, profile: VirtualPhoneProfile, clock: PhoneClock): void {
  const dir = (path: string, mode: number, uid = ROOT, gid = ROOT): void => {
    const node = vfs.mkdir(path, { parents: true });
    node.mode = mode;
    node.uid = uid;
    node.gid = gid;
  };
  for (const path of ['/system/bin', '/system/xbin', '/system/etc', '/vendor/bin', '/product/bin', '/apex', '/odm/bin', '/system_ext/bin']) {
    dir(path, 0o755, ROOT, path.endsWith('bin') ? SHELL : ROOT);
  }
  dir('/data', 0o771, SYSTEM, SYSTEM);
  dir('/data/local', 0o751, ROOT, ROOT);
  dir('/data/local/tmp', 0o771, SHELL, SHELL);
  dir('/data/misc', 0o1771, SYSTEM, SYSTEM);
  dir('/data/misc/perfetto-traces', 0o1773, ROOT, 9999);
  dir('/data/app', 0o771, SYSTEM, SYSTEM);
  dir('/storage', 0o755, ROOT, ROOT);
  dir('/storage/emulated', 0o711, ROOT, ROOT);
  dir('/storage/emulated/0', 0o2770, ROOT, EVERYBODY);
  for (const sub of ['Download', 'Documents', 'Android']) dir(`/storage/emulated/0/${sub}`, 0o2770, ROOT, EVERYBODY);
  dir('/storage/self', 0o755, ROOT, ROOT);
  vfs.symlink('/storage/emulated/0', '/storage/self/primary');
  vfs.symlink('/storage/self/primary', '/sdcard');
  vfs.symlink('/system/etc', '/etc');
  vfs.symlink('/system/bin', '/bin');
  dir('/dev', 0o755, ROOT, ROOT);
  vfs.defineCharDevice('/dev/null', () => new CharDeviceFile('/dev/null', undefined));
  vfs.defineCharDevice('/dev/zero', () => new CharDeviceFile('/dev/zero', (n) => Buffer.alloc(n)));
  vfs.defineCharDevice('/dev/urandom', () => new CharDeviceFile('/dev/urandom', (n) => randomBytes(n)));
  vfs.defineCharDevice('/dev/random', () => new CharDeviceFile('/dev/random', (n) => randomBytes(n)));
  vfs.writeFile('/system/etc/hosts', '127.0.0.1       localhost\n::1             ip6-localhost\n');

  const procFile = (path: string, read: () => string): void => {
    vfs.defineDynamic(path, { read, statSize: 0 });
  };
  dir('/proc', 0o555, ROOT, ROOT);
  const cpuCount = profileCpuCount(profile);
  // The kernel truncates to centiseconds: /proc/uptime never runs ahead of BOOTTIME.
  const centis = (seconds: number): string => (Math.floor(seconds * 100) / 100).toFixed(2);
  procFile('/proc/uptime', () => {
    const up = clock.uptimeMs() / 1000;
    return `${centis(up)} ${centis(up * cpuCount * 0.9)}\n`;
  });
  procFile('/proc/version', () => `Linux version 5.15.0-tetherscope-virtual (build@tetherscope) #1 SMP PREEMPT\n`);
  procFile('/proc/loadavg', () => '0.50 0.40 0.30 1/800 4000\n');
  procFile('/proc/stat', () => {
    // Counters must grow between reads (adbkit's openProcStat relies on it).
    const ticks = Math.floor(clock.uptimeMs() / 10);
    let out = `cpu  ${ticks * cpuCount * 0.1 | 0} 0 ${ticks * cpuCount * 0.05 | 0} ${ticks * cpuCount * 0.85 | 0} 0 0 0 0 0 0\n`;
    for (let i = 0; i < cpuCount; i++) {
      out += `cpu${i} ${ticks * 0.1 | 0} 0 ${ticks * 0.05 | 0} ${ticks * 0.85 | 0} 0 0 0 0 0 0\n`;
    }
    return out;
  });
  procFile('/proc/cpuinfo', () => {
    let out = '';
    for (let i = 0; i < cpuCount; i++) out += `processor\t: ${i}\nBogoMIPS\t: 38.40\nFeatures\t: fp asimd aes sha1 sha2 crc32 atomics fphp asimdhp\nCPU implementer\t: 0x41\n\n`;
    return `${out}Hardware\t: ${profile.hardware}\n`;
  });
  procFile('/proc/meminfo', () => 'MemTotal:       11718400 kB\nMemFree:         1048576 kB\nMemAvailable:    5242880 kB\n');

  for (const [path, text] of Object.entries(profile.sysfs)) {
    let value = text;
    vfs.defineDynamic(path, {
      read: () => value,
      write: (data) => {
        value = data.toString('utf8');
      },
      mode: 0o644,
    });
  }
  const sysDirs = ['/sys', '/sys/class', '/sys/devices'];
  for (const path of sysDirs) vfs.lookup(path).mode = 0o755;
  for (const path of ['/system', '/vendor', '/product', '/apex', '/odm', '/system_ext']) vfs.setReadOnly(path);
  vfs.root.readOnly = true;
}
