import { describe, expect, it } from 'vitest';
import { runSimCommand } from './sim-command.js';

describe('tetherscope sim', () => {
  it('reports options the phone refuses with exit code 1, without starting anything', async () => {
    const errors: string[] = [];
    const io = { out: () => undefined, err: (line: string) => errors.push(line), untilStopped: Promise.resolve() };
    expect(await runSimCommand({ port: 5555 }, io)).toBe(1);
    expect(await runSimCommand({ profile: 'nope' }, io)).toBe(1);
    expect(errors.join('\n')).toMatch(/emulator range[\s\S]*unknown virtual phone profile 'nope'/);
  });
});
