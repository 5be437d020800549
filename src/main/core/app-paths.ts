import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where Tetherscope keeps its sessions and settings: $TETHERSCOPE_HOME, else the platform's data folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TETHERSCOPE_HOME']) return env['TETHERSCOPE_HOME'];
  if (process.platform === 'win32' && env['APPDATA']) return join(env['APPDATA'], 'Tetherscope');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tetherscope');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'tetherscope');
}
