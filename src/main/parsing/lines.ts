// Line handling shared by every text parser: any of \n, \r\n or \r ends a line (old PTY adb
// gives CRLF), and over-long lines are skipped so no pattern ever runs on megabytes of text.

/** Longer lines are noise for every format we read (the longest real ones are op-profile rows). */
export const MAX_LINE_LENGTH = 65_536;

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Turns arbitrary chunks (as a live stream delivers them) into whole lines. */
export interface LineBuffer {
  /** Returns the lines this chunk completed. */
  push(chunk: string): string[];
  /** Returns the last, unterminated line, if any. */
  flush(): string[];
}

export function createLineBuffer(): LineBuffer {
  let pending = '';
  return {
    push(chunk: string): string[] {
      pending += chunk;
      // A trailing \r may be the first half of \r\n: keep it until the next chunk.
      const heldBack = pending.endsWith('\r') ? '\r' : '';
      const parts = pending.slice(0, pending.length - heldBack.length).split(/\r\n|\r|\n/);
      pending = (parts.pop() ?? '') + heldBack;
      return parts;
    },
    flush(): string[] {
      const rest = pending;
      pending = '';
      // A held-back \r ended its line after all; any other rest is a line without its end.
      if (rest.endsWith('\r')) return [rest.slice(0, -1)];
      return rest === '' ? [] : [rest];
    },
  };
}
