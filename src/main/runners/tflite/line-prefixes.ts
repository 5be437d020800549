// Strips what the tool, the runtime and glog put in front of a message, in the order
// benchmark-tools.md §9 gives: severity, then LiteRT's `[file.cc:123] ` location, then glog.

export const Severity = {
  Info: 'INFO',
  Warning: 'WARNING',
  Error: 'ERROR',
  Verbose: 'VERBOSE',
  Fatal: 'FATAL',
  Debug: 'DEBUG',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export interface ToolLine {
  /** The message, trailing whitespace removed; a leading tab (op-profile rows) is kept. */
  readonly text: string;
  /** Severity from a prefix (or a logcat priority); null when the line had none. */
  readonly severity: Severity | null;
  /** A severity prefix was stripped: the line starts a new message. */
  readonly prefixed: boolean;
}

const SEVERITY_PREFIX = /^(INFO|WARN|WARNING|ERROR|VERBOSE|FATAL|DEBUG): /;
const LITERT_LOCATION = /^\[[^\]\s]+\.(?:h|cc|cpp|c):\d+\] /;
const GLOG_PREFIX = /^[IWEF]\d{4} \d{2}:\d{2}:\d+\.\d+\s+\d+ [\w.]+:\d+\] ?/;

export function severityOf(word: string): Severity {
  switch (word) {
    case 'WARN':
    case 'WARNING':
      return Severity.Warning;
    case 'ERROR':
      return Severity.Error;
    case 'VERBOSE':
      return Severity.Verbose;
    case 'FATAL':
      return Severity.Fatal;
    case 'DEBUG':
      return Severity.Debug;
    default:
      return Severity.Info;
  }
}

const GLOG_SEVERITY: Readonly<Record<string, Severity>> = {
  I: Severity.Info,
  W: Severity.Warning,
  E: Severity.Error,
  F: Severity.Fatal,
};

export function stripToolPrefixes(line: string, severity: Severity | null = null): ToolLine {
  let text = line.trimEnd();
  let found = severity;
  const prefix = SEVERITY_PREFIX.exec(text);
  if (prefix?.[1] !== undefined) {
    found = severityOf(prefix[1]);
    text = text.slice(prefix[0].length);
  }
  const prefixed = prefix !== null;
  const location = LITERT_LOCATION.exec(text);
  if (location) text = text.slice(location[0].length);
  const glog = GLOG_PREFIX.exec(text);
  if (glog) {
    found ??= GLOG_SEVERITY[text.charAt(0)] ?? null;
    text = text.slice(glog[0].length);
  }
  return { text, severity: found, prefixed };
}
