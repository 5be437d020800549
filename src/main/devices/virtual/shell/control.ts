/** Non-local control flow inside the interpreter (not errors: never shown to users). */
export class ShellBreak {
  constructor(public levels: number) {}
}

export class ShellContinue {
  constructor(public levels: number) {}
}

export class ShellReturn {
  constructor(readonly status: number) {}
}

export class ShellExit {
  constructor(readonly status: number) {}
}

/** A fatal shell error (syntax, bad substitution, special-builtin failure): the shell exits. */
export class ShellFatal {
  constructor(readonly status: number) {}
}
