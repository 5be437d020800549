/** The syntax tree of a mksh script (the subset a phone's scripts use). */

export type ShellWordPart =
  | { readonly type: 'literal'; readonly value: string; readonly quoted: boolean }
  | { readonly type: 'param'; readonly expansion: ShellParamExpansion; readonly quoted: boolean }
  /** `error`: a backquoted command that does not parse fails only when it runs, as in mksh. */
  | { readonly type: 'command'; readonly body: ShellList; readonly quoted: boolean; readonly error?: string }
  | { readonly type: 'arith'; readonly expr: ShellWord; readonly quoted: boolean };

/** A word as written: parts keep their quoting for splitting and globbing. */
export interface ShellWord {
  readonly parts: readonly ShellWordPart[];
  /** Source text, for error messages and reserved-word detection. */
  readonly raw: string;
}

export type ShellParamOperator =
  | '-'
  | ':-'
  | '='
  | ':='
  | '+'
  | ':+'
  | '?'
  | ':?'
  | '#'
  | '##'
  | '%'
  | '%%'
  | '/'
  | '//';

export interface ShellParamExpansion {
  readonly name: string;
  /** `${#name}` */
  readonly length: boolean;
  readonly op?: ShellParamOperator;
  readonly arg?: ShellWord;
  /** Replacement for `${name/pattern/replacement}`. */
  readonly replacement?: ShellWord;
  /** `${name/#pat/rep}` and `${name/%pat/rep}`. */
  readonly anchor?: 'start' | 'end';
}

export type ShellRedirectOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-' | '&>';

export interface ShellRedirect {
  readonly fd: number | undefined;
  readonly op: ShellRedirectOp;
  readonly target: ShellWord;
  /** Here-document body (for `<<`): a word expanded like a double-quoted string unless the delimiter was quoted. */
  heredoc?: { body: ShellWord | string };
}

export interface ShellAssignment {
  readonly name: string;
  readonly value: ShellWord;
  readonly append: boolean;
}

export interface ShellSimpleCommand {
  readonly type: 'simple';
  readonly assignments: readonly ShellAssignment[];
  readonly words: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
  readonly line: number;
}

export interface ShellBraceGroup {
  readonly type: 'group';
  readonly body: ShellList;
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellSubshell {
  readonly type: 'subshell';
  readonly body: ShellList;
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellIf {
  readonly type: 'if';
  readonly clauses: readonly { readonly condition: ShellList; readonly body: ShellList }[];
  readonly elseBody: ShellList | undefined;
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellLoop {
  readonly type: 'while' | 'until';
  readonly condition: ShellList;
  readonly body: ShellList;
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellFor {
  readonly type: 'for';
  readonly variable: string;
  /** undefined: iterate over "$@". */
  readonly items: readonly ShellWord[] | undefined;
  readonly body: ShellList;
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellCase {
  readonly type: 'case';
  readonly subject: ShellWord;
  readonly items: readonly {
    readonly patterns: readonly ShellWord[];
    readonly body: ShellList;
    /** `;;` ends; `;&` falls through; `;|` tries the next patterns. */
    readonly terminator: ';;' | ';&' | ';|';
  }[];
  readonly redirects: readonly ShellRedirect[];
}

export interface ShellFunctionDef {
  readonly type: 'function';
  readonly name: string;
  readonly body: ShellCommand;
}

/** `[[ … ]]`: kept as words, evaluated by the test evaluator without splitting or globbing. */
export interface ShellDoubleBracket {
  readonly type: 'dbracket';
  readonly words: readonly ShellWord[];
  readonly redirects: readonly ShellRedirect[];
}

/** `(( expr ))` */
export interface ShellArithCommand {
  readonly type: 'arithcmd';
  readonly expr: ShellWord;
  readonly redirects: readonly ShellRedirect[];
}

export type ShellCommand =
  | ShellSimpleCommand
  | ShellBraceGroup
  | ShellSubshell
  | ShellIf
  | ShellLoop
  | ShellFor
  | ShellCase
  | ShellFunctionDef
  | ShellDoubleBracket
  | ShellArithCommand;

export interface ShellPipeline {
  readonly type: 'pipeline';
  readonly negate: boolean;
  readonly commands: readonly ShellCommand[];
}

export interface ShellAndOr {
  readonly type: 'andor';
  readonly first: ShellPipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: ShellPipeline }[];
}

export interface ShellList {
  readonly type: 'list';
  readonly items: readonly { readonly command: ShellAndOr; readonly background: boolean }[];
}
