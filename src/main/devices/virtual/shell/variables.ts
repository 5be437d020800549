export interface ShellVariable {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
  /** `typeset -i`: assignments are evaluated arithmetically. */
  integer: boolean;
  /** `typeset -Z/-R/-L [n]`: every value is fitted to a field. */
  justify?: ShellJustify;
}

export interface ShellJustify {
  /** Z: right, padded with zeros; R: right, padded with blanks; L: left, padded with blanks. */
  readonly mode: 'Z' | 'R' | 'L';
  /** Field width; undefined until the first value sets it (mksh takes that value's length). */
  width: number | undefined;
}

/** mksh's field attributes: pad to the width, or cut from the left (-R, -Z) or the right (-L). */
export function justifyValue(justify: ShellJustify, value: string): string {
  if (justify.width === undefined) justify.width = value.length;
  const width = justify.width;
  if (justify.mode === 'L') {
    const text = value.replace(/^\s+/, '');
    return text.length >= width ? text.slice(0, width) : text.padEnd(width, ' ');
  }
  const text = justify.mode === 'R' ? value.replace(/\s+$/, '') : value;
  return text.length >= width ? text.slice(text.length - width) : text.padStart(width, justify.mode === 'Z' ? '0' : ' ');
}

/**
 * Shell variables with mksh's dynamic scoping: `local`/`typeset` inside a
 * function saves the outer value, restored when the function returns.
 */
export class ShellVariables {
  readonly #vars: Map<string, ShellVariable>;
  readonly #scopes: Map<string, ShellVariable | undefined>[] = [];

  constructor(vars = new Map<string, ShellVariable>()) {
    this.#vars = vars;
  }

  get(name: string): string | undefined {
    return this.#vars.get(name)?.value;
  }

  variable(name: string): ShellVariable | undefined {
    return this.#vars.get(name);
  }

  /** Returns false for a readonly variable. */
  set(name: string, value: string): boolean {
    const existing = this.#vars.get(name);
    if (existing?.readonly === true) return false;
    if (existing === undefined) this.#vars.set(name, { value, exported: false, readonly: false, integer: false });
    else existing.value = existing.justify === undefined ? value : justifyValue(existing.justify, value);
    return true;
  }

  unset(name: string): boolean {
    const existing = this.#vars.get(name);
    if (existing?.readonly === true) return false;
    this.#vars.delete(name);
    return true;
  }

  export(name: string, value?: string): void {
    const existing = this.#vars.get(name);
    if (existing === undefined) this.#vars.set(name, { value, exported: true, readonly: false, integer: false });
    else {
      existing.exported = true;
      if (value !== undefined && !existing.readonly) existing.value = existing.justify === undefined ? value : justifyValue(existing.justify, value);
    }
  }

  markReadonly(name: string, value?: string): void {
    const existing = this.#vars.get(name);
    if (existing === undefined) this.#vars.set(name, { value, exported: false, readonly: true, integer: false });
    else {
      if (value !== undefined && !existing.readonly) existing.value = value;
      existing.readonly = true;
    }
  }

  /** A variable with a field attribute but no value yet (`typeset -Z6 frac`). */
  declare(name: string, justify: ShellJustify): void {
    if (this.#vars.has(name)) return;
    this.#vars.set(name, { value: undefined, exported: false, readonly: false, integer: false, justify });
  }

  /** `local name`: only meaningful inside a function. */
  makeLocal(name: string): void {
    const scope = this.#scopes.at(-1);
    if (scope === undefined || scope.has(name)) return;
    const existing = this.#vars.get(name);
    scope.set(name, existing === undefined ? undefined : { ...existing });
    // A new local starts unset but keeps the export flag, as in mksh.
    this.#vars.set(name, { value: undefined, exported: existing?.exported ?? false, readonly: false, integer: false });
  }

  pushScope(): void {
    this.#scopes.push(new Map());
  }

  popScope(): void {
    const scope = this.#scopes.pop();
    if (scope === undefined) return;
    for (const [name, saved] of scope) {
      if (saved === undefined) this.#vars.delete(name);
      else this.#vars.set(name, saved);
    }
  }

  get inFunction(): boolean {
    return this.#scopes.length > 0;
  }

  exported(): Map<string, string> {
    const env = new Map<string, string>();
    for (const [name, v] of this.#vars) if (v.exported && v.value !== undefined) env.set(name, v.value);
    return env;
  }

  names(): string[] {
    return [...this.#vars.keys()].sort();
  }

  /** fork(): a deep copy (scopes flattened, as a subshell cannot return from the parent's function). */
  clone(): ShellVariables {
    const copy = new Map<string, ShellVariable>();
    for (const [name, v] of this.#vars) copy.set(name, { ...v });
    const child = new ShellVariables(copy);
    for (const scope of this.#scopes) child.#scopes.push(new Map(scope));
    return child;
  }
}
