export const PhoneSignal = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  KILL: 9,
  USR1: 10,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  URG: 23,
  WINCH: 28,
} as const;
export type PhoneSignal = (typeof PhoneSignal)[keyof typeof PhoneSignal];

const BY_NUMBER = new Map<number, string>(Object.entries(PhoneSignal).map(([name, num]) => [num, name]));

/** Signals whose default action is to do nothing. */
export const IGNORED_BY_DEFAULT: ReadonlySet<number> = new Set([
  PhoneSignal.CHLD,
  PhoneSignal.CONT,
  PhoneSignal.URG,
  PhoneSignal.WINCH,
  PhoneSignal.STOP,
  PhoneSignal.TSTP,
]);

export function signalName(signal: number): string | undefined {
  return BY_NUMBER.get(signal);
}

/** Accepts `TERM`, `SIGTERM`, `term`, or a number. */
export function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n < 65 ? n : undefined;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  return (PhoneSignal as Record<string, number>)[name];
}

/**
 * Thrown through a process's awaits when a fatal signal arrives; carried as
 * the AbortSignal's reason.
 */
export class ProcessSignalled extends Error {
  override readonly name = 'ProcessSignalled';
  constructor(readonly signal: number) {
    super(`killed by signal ${signal}`);
  }
}

/** A write to a pipe or stream with no reader left: SIGPIPE for the writer. */
export class BrokenPipeError extends Error {
  override readonly name = 'BrokenPipeError';
  readonly code = 'EPIPE';
  constructor() {
    super('Broken pipe');
  }
}
