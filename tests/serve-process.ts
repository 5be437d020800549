// `tetherscope serve` as a user starts it (the real CLI, the real built window), with a
// private data folder and a private adb server port: resolves with the URL it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..');

export async function spawnServe(home: string, adbPort: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'tetherscope.mjs'), 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, TETHERSCOPE_HOME: home, ANDROID_ADB_SERVER_PORT: String(adbPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve printed no URL in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}:\n${output}`));
    });
  });
  return { child, url };
}
