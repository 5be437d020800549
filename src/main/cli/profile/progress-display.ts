// Progress for people and for logs: a redrawn bar on a terminal, plain lines otherwise.
import type { ProfileProgress } from '../../../shared/api.js';

export class ProgressDisplay {
  readonly #tty: boolean;
  readonly #labels = new Map<string, string>();
  readonly #last = new Map<string, ProfileProgress>();
  #lastLine = new Map<string, string>();
  #drawn = 0;

  readonly #write: (line: string) => void;

  /** Plain lines go to `write`: stdout, or stderr when stdout carries a JSON report. */
  constructor(tty: boolean, write: (line: string) => void = (line) => console.log(line)) {
    this.#tty = tty;
    this.#write = write;
  }

  label(sessionId: string, phone: string): void {
    this.#labels.set(sessionId, phone);
  }

  update(p: ProfileProgress): void {
    this.#last.set(p.sessionId, p);
    const phone = this.#labels.get(p.sessionId) ?? p.sessionId;
    const eta = p.etaMs === null ? '' : `, about ${Math.ceil(p.etaMs / 1000)} s left`;
    const line = `${phone}: ${Math.round(p.fraction * 100)} %${eta} — ${p.message}`;
    if (!this.#tty) {
      if (this.#lastLine.get(p.sessionId) !== p.message) this.#write(line);
      this.#lastLine.set(p.sessionId, p.message);
      return;
    }
    this.#redraw();
  }

  #redraw(): void {
    const width = Math.max(20, Math.min(process.stdout.columns ?? 80, 120));
    if (this.#drawn > 0) process.stdout.write(`\x1b[${this.#drawn}A`);
    let count = 0;
    for (const [id, p] of this.#last) {
      const phone = this.#labels.get(id) ?? id;
      const barWidth = 20;
      const filled = Math.round(p.fraction * barWidth);
      const eta = p.etaMs === null ? '' : ` ~${Math.ceil(p.etaMs / 1000)} s`;
      const text = `${phone} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${String(Math.round(p.fraction * 100)).padStart(3)} %${eta} ${p.message}`;
      process.stdout.write(`\x1b[2K${text.slice(0, width - 1)}\n`);
      count++;
    }
    this.#drawn = count;
  }

  /** Ends the live display so following output starts on a clean line. */
  done(): void {
    this.#drawn = 0;
  }
}
