/** POSIX path helpers on the phone's paths (never the host's). */
export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

export function joinPath(base: string, path: string): string {
  return path.startsWith('/') ? path : `${base.replace(/\/+$/, '')}/${path}`;
}

/** Lexically normalised absolute path: no `.`, `..` or double slashes. */
export function normalizePath(cwd: string, path: string): string {
  const out: string[] = [];
  for (const part of splitPath(joinPath(cwd, path))) {
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function dirName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const at = trimmed.lastIndexOf('/');
  if (at < 0) return '.';
  if (at === 0) return '/';
  return trimmed.slice(0, at).replace(/\/+$/, '') || '/';
}
