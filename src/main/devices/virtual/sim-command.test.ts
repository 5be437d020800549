import { describe, expect, it } from 'vitest';
import { virtualPhoneProfileNames } from './phone/profiles.js';
import { runSimCommand } from './sim-command.js';

describe('tetherscope sim', () => {
  it('reports options the phone refuses with exit code 1, without starting anything', async () => {
    const errors: string[] = [];
    const io = { out: () => undefined, err: (line: string) => errors.push(line), untilStopped: Promise.resolve() };
    expect(await runSimCommand({ port: 5555 }, io)).toBe(1);
    expect(await runSimCommand({ profile: 'nope' }, io)).toBe(1);
    expect(errors.join('\n')).toMatch(/emulator range[\s\S]*unknown virtual phone profile 'nope'/);
  });

  it('starts the pixel profile (ODPM rails) and stops it', async () => {
    expect(virtualPhoneProfileNames()).toContain('pixel');
    const lines: string[] = [];
    const errors: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => errors.push(line), untilStopped: Promise.resolve() };
    expect(await runSimCommand({ profile: 'pixel', connect: false }, io)).toBe(0);
    expect(errors).toEqual([]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
