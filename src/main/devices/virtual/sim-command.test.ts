import { describe, expect, it } from 'vitest';
import { parseSimArgs, runSimCommand } from './sim-command.js';

describe('tetherscope sim arguments', () => {
  it('parses the flags', () => {
    expect(parseSimArgs(['--profile', 'flagship', '--port=7001', '--adb-port', '15037', '--unauthorized'])).toEqual({
      profile: 'flagship',
      port: 7001,
      adbPort: 15037,
      unauthorized: true,
    });
    expect(parseSimArgs(['--profile=budget', '--battery', 'unplugged', '--thermal-speed=40'])).toEqual({ profile: 'budget', battery: 'unplugged', thermalSpeed: 40 });
    expect(() => parseSimArgs(['--battery', 'wireless'])).toThrow(/usb or unplugged/);
    expect(() => parseSimArgs(['--thermal-speed', '0'])).toThrow(/positive/);
    expect(() => parseSimArgs(['--port', 'x'])).toThrow(/port/);
    expect(() => parseSimArgs(['--bogus'])).toThrow(/unknown option/);
  });

  it('reports bad usage and bad options with an exit code, without starting anything', async () => {
    const errors: string[] = [];
    const io = { out: () => undefined, err: (line: string) => errors.push(line), untilStopped: Promise.resolve() };
    expect(await runSimCommand(['--bogus'], io)).toBe(2);
    expect(await runSimCommand(['--port', '5555'], io)).toBe(1);
    expect(await runSimCommand(['--profile', 'nope'], io)).toBe(1);
    expect(errors.join('\n')).toMatch(/emulator range[\s\S]*unknown virtual phone profile 'nope'/);
  });
});
