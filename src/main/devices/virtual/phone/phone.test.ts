import { describe, expect, it } from 'vitest';
import { VirtualPhone } from './phone.js';
import { getVirtualPhoneProfile } from './profiles.js';

describe('VirtualPhone processes', () => {
  const phone = new VirtualPhone(getVirtualPhoneProfile('flagship'), 'proc-test');

  /** Spawns a script causes beyond the `sh` that runs it. */
  async function spawnsOf(script: string): Promise<number> {
    const before = phone.spawnCount;
    await phone.run(script, { cwd: '/data/local/tmp' });
    return phone.spawnCount - before - 1;
  }

  it('counts processes as mksh would start them', async () => {
    expect(await spawnsOf('echo a; read x <<EOF\n1\nEOF\ntest 1 = 1; [ -d / ]; kill -0 $$; i=$((1+1)); print ok; pwd')).toBe(0);
    // A lone command is exec'd by `sh -c`; cat and sleep are not builtins in mksh R59c.
    expect(await spawnsOf('sleep 0')).toBe(0);
    expect(await spawnsOf('cat /proc/uptime; sleep 0; printf x')).toBe(3);
    // Each pipeline element and each $( ) is a forked process; a lone external command in one is exec'd.
    expect(await spawnsOf('echo a | cat | wc -l; true')).toBe(3);
    expect(await spawnsOf('x=$(echo hi); y=$(getprop ro.product.model); :')).toBe(2);
    expect(await spawnsOf('(echo sub; echo sub2); { echo group; }; f() { echo fn; }; f')).toBe(1);
    expect(await spawnsOf('sleep 0 & wait')).toBe(1);
    expect(phone.liveProcesses()).toHaveLength(0);
  });

  it('lists live processes with ps and kills them by pid', async () => {
    const result = await phone.run('sleep 30 & p=$!; ps -A -o PID,PPID,NAME | grep sleep; kill $p; wait $p; echo $?; ps -o NAME | grep -c sleep');
    const [line, status, count] = result.stdout.trim().split('\n');
    expect(line).toMatch(/^\s*\d+\s+\d+ sleep$/);
    expect(status).toBe('143');
    expect(count).toBe('0');
    expect(phone.liveProcesses()).toHaveLength(0);
  });

  it('does not let the shell user kill system daemons', async () => {
    const result = await phone.run('kill 1; echo $?');
    expect(result.stdout).toBe('1\n');
    expect(result.stderr).toBe('/system/bin/sh: kill: 1: Operation not permitted\n');
  });

  it('has the files a phone has, with its permissions', async () => {
    const result = await phone.run('cat /proc/uptime; ls -l /sdcard; ls /data/local/tmp >/dev/null && echo tmp-ok; getprop ro.tetherscope.virtual; echo x > /data/x');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+\.\d\d \d+\.\d\d$/);
    expect(lines[1]).toMatch(/^lrwxrwxrwx 1 root root 21 .* \/sdcard -> \/storage\/self\/primary$/);
    expect(lines.slice(2, 4)).toEqual(['tmp-ok', '1']);
    expect(result.stderr).toBe("/system/bin/sh: can't create /data/x: Permission denied\n");
  });

  it('lets dynamic files be replaced, as the device model does for sysfs', async () => {
    let reads = 0;
    phone.vfs.defineDynamic('/sys/class/power_supply/battery/current_now', { read: () => `${-100000 - ++reads}\n` });
    const result = await phone.run('read a < /sys/class/power_supply/battery/current_now; read b < /sys/class/power_supply/battery/current_now; echo $a $b');
    expect(result.stdout).toBe('-100001 -100002\n');
  });
});
