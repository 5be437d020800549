// Splits a byte stream into "\n"-terminated lines, refusing any line longer than a cap: the overlong line is
// reported once and skipped up to its newline, so one bad line never costs the connection.

export type ProbeLineEvent = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'too-long'; readonly bytes: number };

export class ProbeLineSplitter {
  #parts: Buffer[] = [];
  #pending = 0;
  #skipping = false;

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): ProbeLineEvent[] {
    const events: ProbeLineEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline < 0) break;
      const piece = chunk.subarray(start, newline);
      if (this.#skipping) this.#skipping = false;
      else if (this.#pending + piece.length > this.maxLineBytes) events.push({ kind: 'too-long', bytes: this.#pending + piece.length });
      else events.push({ kind: 'line', text: Buffer.concat([...this.#parts, piece]).toString('utf8').replace(/\r$/, '') });
      this.#parts = [];
      this.#pending = 0;
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length > 0 && !this.#skipping) {
      if (this.#pending + rest.length > this.maxLineBytes) {
        events.push({ kind: 'too-long', bytes: this.#pending + rest.length });
        this.#parts = [];
        this.#pending = 0;
        this.#skipping = true;
      } else {
        this.#parts.push(Buffer.from(rest));
        this.#pending += rest.length;
      }
    }
    return events;
  }
}
