import { ShellSyntaxError } from '../errors.js';
import { PhoneFsError } from '../fs/errno.js';
import type { FdTable } from '../fs/fd-table.js';
import { MemoryFile } from '../fs/fd-table.js';
import type { OpenFile } from '../fs/open-file.js';
import type { PhoneCredentials } from '../fs/vfs.js';
import { normalizePath } from '../fs/path.js';
import { VfsNodeKind } from '../fs/vfs-node.js';
import { Pipe } from '../fs/pipe.js';
import type { PhoneKernel } from '../phone/kernel.js';
import type { PhoneProcess } from '../process/process-table.js';
import { BrokenPipeError, PhoneSignal, ProcessSignalled } from '../process/signals.js';
import type {
  ShellAndOr,
  ShellCase,
  ShellCommand,
  ShellFor,
  ShellIf,
  ShellList,
  ShellLoop,
  ShellPipeline,
  ShellRedirect,
  ShellSimpleCommand,
  ShellWord,
} from './ast.js';
import { ArithError, evaluateArith } from './arith.js';
import { BUILTINS, SPECIAL_BUILTINS } from './builtins/index.js';
import type { ShellBuiltin } from './builtins/index.js';
import { ShellBreak, ShellContinue, ShellExit, ShellFatal, ShellReturn } from './control.js';
import type { ShellExpansionHost } from './expand.js';
import { ShellExpansionError, expandPattern, expandString, expandWords } from './expand.js';
import { parseShell, parseShellLines } from './parser.js';
import { patternToRegex } from './pattern.js';
import type { ShellState } from './state.js';
import { forkShellState } from './state.js';
import { evaluateTest } from './test-expr.js';
import type { TestHost } from './test-expr.js';

const RANDOM_MAX = 32768;

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'function', '{', '}', '!', '[[', ']]', 'in', 'time']);

/**
 * Evaluates a parsed mksh script inside one phone process. Pipelines, `( )`,
 * `$( )` and `&` fork child processes; external commands fork+exec (or exec
 * in place as a subshell's last command), so the process table and the spawn
 * count behave as on a phone.
 */
export class ShellInterpreter implements ShellExpansionHost {
  #conditionDepth = 0;
  #substitutionStatus: number | undefined;

  constructor(
    readonly kernel: PhoneKernel,
    readonly process: PhoneProcess,
    readonly state: ShellState,
    readonly credentials: PhoneCredentials,
  ) {}

  // --- entry points -------------------------------------------------------

  /** Parses and runs a script as the whole shell program; returns the exit status. */
  async runProgram(source: string): Promise<number> {
    let status: number;
    try {
      status = await this.#guard(async () => {
        const lines = parseShellLines(source);
        let last = 0;
        for (let first = true; ; first = false) {
          let list: ShellList | undefined;
          let single: boolean;
          try {
            list = lines.next();
            // `sh -c 'one command'` execs it, as mksh does.
            single = first && list !== undefined && list.items.length === 1 && lines.atEnd();
          } catch (error) {
            if (error instanceof ShellSyntaxError) {
              await this.diagnose(error.message);
              return 1;
            }
            throw error;
          }
          if (list === undefined) return last;
          const only = list.items[0];
          if (single && only !== undefined && !only.background) return this.#runAndOrAsChild(only.command);
          last = await this.runList(list);
        }
      });
    } finally {
      await this.#runExitTrap();
    }
    return status;
  }

  /** One chunk of an interactive session; `exit` ends the session. */
  async runInteractive(source: string): Promise<{ status: number; exit: boolean }> {
    let exit = false;
    const status = await this.#guard(async () => {
      try {
        return await this.runSource(source);
      } catch (error) {
        if (error instanceof ShellExit || error instanceof ShellFatal) exit = error instanceof ShellExit;
        throw error;
      }
    });
    this.state.status = status;
    return { status, exit: exit || this.process.signal.aborted };
  }

  /** The EXIT trap, when an interactive session ends. */
  async finishInteractive(): Promise<void> {
    await this.#runExitTrap();
  }

  /** Runs a subshell body (after fork): exit, signals and SIGPIPE become a status. */
  async runSubshell(body: () => Promise<number>): Promise<number> {
    try {
      return await this.#guard(body);
    } finally {
      await this.#runExitTrap();
    }
  }

  /** `eval` and `.`: parse and run in this shell. */
  async runSource(source: string): Promise<number> {
    let list: ShellList;
    try {
      list = parseShell(source);
    } catch (error) {
      if (error instanceof ShellSyntaxError) {
        await this.diagnose(error.message);
        throw new ShellFatal(1);
      }
      throw error;
    }
    return this.runList(list);
  }

  async #guard(body: () => Promise<number>): Promise<number> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof ShellExit || error instanceof ShellFatal) return error.status;
      if (error instanceof ShellReturn) return error.status;
      if (error instanceof ShellBreak || error instanceof ShellContinue) return this.state.status;
      if (error instanceof ProcessSignalled) return 128 + error.signal;
      if (error instanceof BrokenPipeError) return 128 + PhoneSignal.PIPE;
      throw error;
    }
  }

  async #runExitTrap(): Promise<void> {
    const action = this.state.traps.get(0);
    if (action === undefined || action === '') return;
    this.state.traps.delete(0);
    if (this.process.signal.aborted && this.process.exitStatus === undefined) {
      // Killed: a real shell would run the EXIT trap only for trapped signals.
      return;
    }
    await this.#guard(() => this.runSource(action)).catch(() => undefined);
  }

  // --- lists --------------------------------------------------------------

  async runList(list: ShellList): Promise<number> {
    let status = this.state.status;
    for (const item of list.items) {
      if (item.background) {
        this.#startBackground(item.command);
        status = 0;
      } else {
        status = await this.#runAndOr(item.command);
      }
      this.state.status = status;
      await this.#runPendingTraps();
    }
    return status;
  }

  async #runAndOr(node: ShellAndOr): Promise<number> {
    const hasRest = node.rest.length > 0;
    if (hasRest) this.#conditionDepth++;
    let status: number;
    try {
      status = await this.#runPipeline(node.first);
    } finally {
      if (hasRest) this.#conditionDepth--;
    }
    for (const [index, { op, pipeline }] of node.rest.entries()) {
      this.state.status = status;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      const last = index === node.rest.length - 1;
      if (!last) this.#conditionDepth++;
      try {
        status = await this.#runPipeline(pipeline);
      } finally {
        if (!last) this.#conditionDepth--;
      }
    }
    return status;
  }

  #startBackground(node: ShellAndOr): void {
    const child = this.#fork(
      (sh) => sh.#runAndOrAsChild(node),
      (fds) => {
        // Without job control, an async list reads from /dev/null.
        if (fds.get(0) !== undefined) fds.set(0, new MemoryFile(Buffer.alloc(0), '/dev/null'));
      },
    );
    this.state.lastBackground = child.pid;
    this.state.jobs.set(child.pid, child);
    void child.exited.then(() => {
      // Reaped lazily: `wait` still finds the status until the next job starts.
    });
  }

  /** A forked and-or list: a lone simple command is exec'd in place. */
  async #runAndOrAsChild(node: ShellAndOr): Promise<number> {
    if (node.rest.length === 0 && !node.first.negate && node.first.commands.length === 1) {
      return this.runCommand(node.first.commands[0]!, true);
    }
    return this.#runAndOr(node);
  }

  async #runPipeline(pipeline: ShellPipeline): Promise<number> {
    if (pipeline.negate) this.#conditionDepth++;
    let status: number;
    try {
      status =
        pipeline.commands.length === 1
          ? await this.runCommand(pipeline.commands[0]!, false)
          : await this.#runMultiPipeline(pipeline.commands);
    } finally {
      if (pipeline.negate) this.#conditionDepth--;
    }
    if (pipeline.negate) return status === 0 ? 1 : 0;
    if (status !== 0 && this.state.options.errexit && this.#conditionDepth === 0) throw new ShellExit(status);
    return status;
  }

  /** Every element of a multi-command pipeline runs in its own process (mksh does not keep the last one). */
  async #runMultiPipeline(commands: readonly ShellCommand[]): Promise<number> {
    const children: PhoneProcess[] = [];
    let previous: Pipe | undefined;
    for (const [index, command] of commands.entries()) {
      const last = index === commands.length - 1;
      const next = last ? undefined : new Pipe();
      const readEnd = previous?.openRead();
      const writeEnd = next?.openWrite();
      children.push(
        this.#fork(
          (sh) => sh.runCommand(command, true),
          (fds) => {
            if (readEnd !== undefined) fds.set(0, readEnd.retain());
            if (writeEnd !== undefined) fds.set(1, writeEnd.retain());
          },
        ),
      );
      readEnd?.release();
      writeEnd?.release();
      previous = next;
    }
    const statuses: number[] = [];
    for (const child of children) statuses.push(await this.waitForChild(child));
    if (this.state.options.pipefail) return [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return statuses[statuses.length - 1] ?? 0;
  }

  // --- commands -----------------------------------------------------------

  /** `execLast`: this command is the last thing a forked process does, so an external program may replace it. */
  async runCommand(command: ShellCommand, execLast: boolean): Promise<number> {
    switch (command.type) {
      case 'simple':
        return this.#runSimple(command, execLast);
      case 'function':
        this.state.functions.set(command.name, command.body);
        return 0;
      case 'group':
        return this.#withRedirects(command.redirects, () => this.runList(command.body));
      case 'subshell':
        return this.#withRedirects(command.redirects, async () => {
          const child = this.#fork((sh) => sh.runList(command.body));
          return this.waitForChild(child);
        });
      case 'if':
        return this.#withRedirects(command.redirects, () => this.#runIf(command));
      case 'while':
      case 'until':
        return this.#withRedirects(command.redirects, () => this.#runLoop(command));
      case 'for':
        return this.#withRedirects(command.redirects, () => this.#runFor(command));
      case 'case':
        return this.#withRedirects(command.redirects, () => this.#runCase(command));
      case 'dbracket':
        return this.#withRedirects(command.redirects, () => this.#runDoubleBracket(command.words));
      case 'arithcmd':
        return this.#withRedirects(command.redirects, async () => {
          const value = this.#arith(await expandString(command.expr, this));
          return value !== 0 ? 0 : 1;
        });
    }
  }

  async #condition(list: ShellList): Promise<number> {
    this.#conditionDepth++;
    try {
      return await this.runList(list);
    } finally {
      this.#conditionDepth--;
    }
  }

  async #runIf(node: ShellIf): Promise<number> {
    for (const clause of node.clauses) {
      if ((await this.#condition(clause.condition)) === 0) return this.runList(clause.body);
    }
    if (node.elseBody !== undefined) return this.runList(node.elseBody);
    return 0;
  }

  async #runLoop(node: ShellLoop): Promise<number> {
    let status = 0;
    for (;;) {
      this.#checkAlive();
      const condition = await this.#condition(node.condition);
      if ((node.type === 'while') !== (condition === 0)) break;
      const result = await this.#loopBody(node.body);
      if (result.kind === 'break') break;
      status = result.status;
      // Let timers and I/O run even if the body never awaited anything real.
      await yieldToEventLoop();
    }
    return status;
  }

  async #runFor(node: ShellFor): Promise<number> {
    const items = node.items === undefined ? [...this.state.positional] : await expandWords(node.items, this);
    let status = 0;
    for (const item of items) {
      this.#checkAlive();
      this.#assign(node.variable, item);
      const result = await this.#loopBody(node.body);
      if (result.kind === 'break') break;
      status = result.status;
    }
    return status;
  }

  async #loopBody(body: ShellList): Promise<{ kind: 'next' | 'break'; status: number }> {
    try {
      return { kind: 'next', status: await this.runList(body) };
    } catch (error) {
      if (error instanceof ShellBreak) {
        if (error.levels > 1) {
          error.levels--;
          throw error;
        }
        return { kind: 'break', status: 0 };
      }
      if (error instanceof ShellContinue) {
        if (error.levels > 1) {
          error.levels--;
          throw error;
        }
        return { kind: 'next', status: 0 };
      }
      throw error;
    }
  }

  async #runCase(node: ShellCase): Promise<number> {
    const subject = await expandString(node.subject, this);
    let status = 0;
    let falling = false;
    for (const item of node.items) {
      let matched = falling;
      if (!matched) {
        for (const pattern of item.patterns) {
          if (patternToRegex(await expandPattern(pattern, this)).test(subject)) {
            matched = true;
            break;
          }
        }
      }
      if (!matched) continue;
      status = await this.runList(item.body);
      if (item.terminator === ';;') return status;
      falling = item.terminator === ';&';
    }
    return status;
  }

  async #runDoubleBracket(words: readonly ShellWord[]): Promise<number> {
    const args: { text: string; word: ShellWord }[] = [];
    for (const word of words) args.push({ text: await expandString(word, this), word });
    const result = await evaluateTest(
      args.map((a) => a.text),
      this.#testHost(),
      {
        extended: true,
        pattern: async (index) => patternToRegex(await expandPattern(args[index]!.word, this)),
      },
    );
    if (result.error !== undefined) {
      await this.diagnose(`[[: ${result.error}`);
      return 2;
    }
    return result.value ? 0 : 1;
  }

  // --- simple commands ----------------------------------------------------

  async #runSimple(node: ShellSimpleCommand, execLast: boolean): Promise<number> {
    this.#checkAlive();
    this.#substitutionStatus = undefined;
    let argv: string[];
    try {
      argv = await expandWords(node.words, this);
    } catch (error) {
      return this.#expansionFailed(error);
    }
    if (argv.length === 0) {
      const status = await this.#assignAll(node);
      if (status !== 0) return status;
      // The status of an assignment-only command is that of its last command substitution, else 0.
      const result = this.#substitutionStatus ?? 0;
      return this.#withRedirects(node.redirects, () => Promise.resolve(result));
    }
    const name = argv[0]!;
    if (this.state.options.xtrace) await this.writeFd(2, `+ ${argv.join(' ')}\n`).catch(() => undefined);

    if (name === 'exec' && argv.length === 1) {
      // `exec 3<>fifo`: redirections stay in effect for the rest of the shell.
      const status = await this.#assignAll(node);
      if (status !== 0) return status;
      // A failed redirection of a special builtin ends a non-interactive shell.
      if (!(await this.applyRedirects(node.redirects, this.state.fds))) throw new ShellFatal(1);
      return 0;
    }
    const special = SPECIAL_BUILTINS.get(name);
    if (special !== undefined) {
      const status = await this.#assignAll(node);
      if (status !== 0) return status;
      return this.#withRedirects(node.redirects, () => this.#runBuiltin(special, argv));
    }
    const fn = this.state.functions.get(name);
    if (fn !== undefined) {
      return this.#withTemporaryAssignments(node, () =>
        this.#withRedirects(node.redirects, () => this.callFunction(fn, argv)),
      );
    }
    const builtin = BUILTINS.get(name);
    if (builtin !== undefined) {
      return this.#withTemporaryAssignments(node, () =>
        this.#withRedirects(node.redirects, () => this.#runBuiltin(builtin, argv)),
      );
    }
    const env = this.state.vars.exported();
    for (const assignment of node.assignments) {
      try {
        env.set(assignment.name, await expandString(assignment.value, this));
      } catch (error) {
        return this.#expansionFailed(error);
      }
    }
    return this.runExternal(argv, env, node.redirects, execLast);
  }

  findBuiltin(name: string): ShellBuiltin | undefined {
    return SPECIAL_BUILTINS.get(name) ?? BUILTINS.get(name);
  }

  /** `command name args`: like a simple command, but functions are skipped. */
  async invoke(argv: string[], options: { functions: boolean }): Promise<number> {
    const name = argv[0]!;
    const fn = options.functions ? this.state.functions.get(name) : undefined;
    if (fn !== undefined) return this.callFunction(fn, argv);
    const builtin = this.findBuiltin(name);
    if (builtin !== undefined) return this.#runBuiltin(builtin, argv);
    return this.runExternal(argv, this.state.vars.exported(), [], false);
  }

  /** `exec cmd`: the program replaces this shell in the same process. */
  async execReplacing(argv: string[]): Promise<number> {
    const name = argv[0]!;
    const found = this.kernel.lookup(name, this.state.vars.get('PATH') ?? '', this.state.cwd, this.credentials);
    if ('error' in found) {
      await this.diagnose(`${name}: ${found.error === 'not-found' ? 'inaccessible or not found' : 'cannot execute - Permission denied'}`);
      return found.error === 'not-found' ? 127 : 126;
    }
    this.process.exec(argv);
    return this.kernel.execInPlace(this.process, {
      program: found.program,
      argv,
      env: this.state.vars.exported(),
      cwd: this.state.cwd,
      fds: this.state.fds.clone(),
      credentials: this.credentials,
    });
  }

  /** What a name would run, for `command -v`, `whence` and `type`. */
  describe(
    name: string,
  ): { type: 'special' | 'builtin' | 'function' | 'keyword' | 'not-found' } | { type: 'file'; path: string } {
    if (KEYWORDS.has(name)) return { type: 'keyword' };
    if (SPECIAL_BUILTINS.has(name)) return { type: 'special' };
    if (this.state.functions.has(name)) return { type: 'function' };
    if (BUILTINS.has(name)) return { type: 'builtin' };
    const found = this.kernel.lookup(name, this.state.vars.get('PATH') ?? '', this.state.cwd, this.credentials);
    return 'error' in found ? { type: 'not-found' } : { type: 'file', path: found.path };
  }

  async #runBuiltin(builtin: ShellBuiltin, argv: string[]): Promise<number> {
    try {
      return await builtin(this, argv);
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await this.diagnose(`${argv[0] ?? ''}: ${error.path === '' ? '' : `${error.path}: `}${error.reason}`);
        return 1;
      }
      throw error;
    }
  }

  async callFunction(body: ShellCommand, argv: readonly string[]): Promise<number> {
    const savedPositional = this.state.positional;
    const savedArg0 = this.state.arg0;
    this.state.positional = argv.slice(1);
    this.state.vars.pushScope();
    try {
      return await this.runCommand(body, false);
    } catch (error) {
      if (error instanceof ShellReturn) return error.status;
      throw error;
    } finally {
      this.state.vars.popScope();
      this.state.positional = savedPositional;
      this.state.arg0 = savedArg0;
    }
  }

  /**
   * Runs a program from the file system. In a process that has nothing left
   * to do (`execLast`), the program replaces it (exec) instead of forking.
   */
  async runExternal(
    argv: readonly string[],
    env: ReadonlyMap<string, string>,
    redirects: readonly ShellRedirect[],
    execLast: boolean,
  ): Promise<number> {
    const name = argv[0]!;
    const fds = await this.#applyRedirectsToCopy(redirects);
    if (fds === undefined) return 1;
    const found = this.kernel.lookup(name, this.state.vars.get('PATH') ?? '', this.state.cwd, this.credentials);
    if ('error' in found) {
      const message =
        found.error === 'not-found' ? `${name}: inaccessible or not found` : `${name}: cannot execute - Permission denied`;
      await fds
        .get(2)
        ?.write(Buffer.from(`${this.state.arg0}: ${message}\n`), this.process.signal)
        .catch(() => undefined);
      fds.closeAll();
      return found.error === 'not-found' ? 127 : 126;
    }
    const options = {
      program: found.program,
      argv,
      env,
      cwd: this.state.cwd,
      fds,
      credentials: this.credentials,
    };
    if (execLast && this.state.traps.size === 0) {
      this.process.exec(argv);
      throw new ShellExit(await this.kernel.execInPlace(this.process, options));
    }
    const child = this.kernel.spawn(this.process.pid, options);
    return this.waitForChild(child);
  }

  /** Waits for a child; if this shell is killed meanwhile, the child lives on (as on Linux). */
  async waitForChild(child: PhoneProcess): Promise<number> {
    const signal = this.process.signal;
    if (signal.aborted) throw signal.reason as Error;
    return new Promise<number>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      void child.exited.then((status) => {
        signal.removeEventListener('abort', onAbort);
        resolve(status);
      });
    });
  }

  /** fork(): a child shell process running `body`, with its own copy of the state. */
  #fork(body: (child: ShellInterpreter) => Promise<number>, setupFds?: (fds: FdTable) => void): PhoneProcess {
    const fds = this.state.fds.clone();
    setupFds?.(fds);
    const childState = forkShellState(this.state, fds);
    const process = this.kernel.processes.spawn({
      ppid: this.process.pid,
      uid: this.credentials.uid,
      argv: this.process.argv,
    });
    for (const [signal, action] of childState.traps) if (action === '') process.setDisposition(signal, 'ignore');
    const child = new ShellInterpreter(this.kernel, process, childState, this.credentials);
    void (async () => {
      let status = 1;
      try {
        status = await child.runSubshell(() => body(child));
      } catch {
        status = 1;
      } finally {
        childState.fds.closeAll();
        this.kernel.processes.finish(process, status);
      }
    })();
    return process;
  }

  // --- assignments --------------------------------------------------------

  async #assignAll(node: ShellSimpleCommand): Promise<number> {
    for (const assignment of node.assignments) {
      let value: string;
      try {
        value = await expandString(assignment.value, this);
      } catch (error) {
        return this.#expansionFailed(error);
      }
      if (assignment.append) value = (this.state.vars.get(assignment.name) ?? '') + value;
      if (!this.#assign(assignment.name, value)) {
        await this.diagnose(`${assignment.name}: is read only`);
        throw new ShellFatal(2);
      }
    }
    return 0;
  }

  async #withTemporaryAssignments(node: ShellSimpleCommand, run: () => Promise<number>): Promise<number> {
    if (node.assignments.length === 0) return run();
    const saved = new Map<string, { value: string | undefined; exported: boolean } | undefined>();
    for (const assignment of node.assignments) {
      const existing = this.state.vars.variable(assignment.name);
      if (!saved.has(assignment.name)) {
        saved.set(assignment.name, existing === undefined ? undefined : { value: existing.value, exported: existing.exported });
      }
      let value: string;
      try {
        value = await expandString(assignment.value, this);
      } catch (error) {
        return this.#expansionFailed(error);
      }
      this.state.vars.export(assignment.name, value);
    }
    try {
      return await run();
    } finally {
      for (const [name, previous] of saved) {
        if (previous === undefined) this.state.vars.unset(name);
        else {
          const v = this.state.vars.variable(name);
          if (v !== undefined) {
            v.value = previous.value;
            v.exported = previous.exported;
          }
        }
      }
    }
  }

  /** Assigns, honouring `typeset -i`; false if read-only. */
  #assign(name: string, value: string): boolean {
    const variable = this.state.vars.variable(name);
    if (variable?.integer === true) value = String(this.#arith(value));
    const ok = this.state.vars.set(name, value);
    if (ok && name === 'PWD') this.state.cwd = value;
    return ok;
  }

  async #expansionFailed(error: unknown): Promise<number> {
    if (error instanceof ShellExpansionError || error instanceof ArithError) {
      await this.diagnose(error.message);
      // A non-interactive shell exits on an expansion error.
      throw new ShellFatal(1);
    }
    throw error;
  }

  // --- redirections -------------------------------------------------------

  async #withRedirects(redirects: readonly ShellRedirect[], run: () => Promise<number>): Promise<number> {
    if (redirects.length === 0) return run();
    const saved = this.state.fds.save(redirects.flatMap((r) => redirectFds(r)));
    try {
      if (!(await this.applyRedirects(redirects, this.state.fds))) return 1;
      return await run();
    } finally {
      this.state.fds.restore(saved);
    }
  }

  async #applyRedirectsToCopy(redirects: readonly ShellRedirect[]): Promise<FdTable | undefined> {
    const fds = this.state.fds.clone();
    if (await this.applyRedirects(redirects, fds)) return fds;
    fds.closeAll();
    return undefined;
  }

  /** Applies redirections to `fds`; prints the shell's message and returns false on failure. */
  async applyRedirects(redirects: readonly ShellRedirect[], fds: FdTable): Promise<boolean> {
    for (const redirect of redirects) {
      let target: string;
      try {
        target = await expandString(redirect.target, this);
      } catch (error) {
        await this.#expansionFailed(error);
        return false;
      }
      const fd = redirect.fd ?? (redirect.op.startsWith('<') ? 0 : 1);
      switch (redirect.op) {
        case '<<':
        case '<<-': {
          const body = redirect.heredoc?.body ?? '';
          const text = typeof body === 'string' ? body : await expandString(body, this);
          fds.set(fd, new MemoryFile(Buffer.from(text), 'here-document'));
          continue;
        }
        case '<&':
        case '>&': {
          if (target === '-') {
            fds.close(fd);
            continue;
          }
          if (/^\d+$/.test(target)) {
            if (fds.get(Number(target)) === undefined) {
              await this.diagnose(`${redirect.op}${target} : bad file descriptor`);
              return false;
            }
            fds.dup(Number(target), fd);
            continue;
          }
          if (redirect.op === '<&') {
            await this.diagnose(`${target}: illegal file descriptor name`);
            return false;
          }
          // `>& file` is `&> file` in mksh.
          const file = await this.#open(target, { write: true, create: true, truncate: true });
          if (file === undefined) return false;
          fds.set(1, file);
          fds.dup(1, 2);
          continue;
        }
        case '&>': {
          const file = await this.#open(target, { write: true, create: true, truncate: true });
          if (file === undefined) return false;
          fds.set(1, file);
          fds.dup(1, 2);
          continue;
        }
        default: {
          const flags =
            redirect.op === '<'
              ? { read: true }
              : redirect.op === '<>'
                ? { read: true, write: true, create: true }
                : redirect.op === '>>'
                  ? { write: true, create: true, append: true }
                  : { write: true, create: true, truncate: true };
          const file = await this.#open(target, flags);
          if (file === undefined) return false;
          fds.set(fd, file);
        }
      }
    }
    return true;
  }

  async #open(
    target: string,
    flags: { read?: boolean; write?: boolean; create?: boolean; truncate?: boolean; append?: boolean },
  ): Promise<OpenFile | undefined> {
    try {
      return await this.kernel.vfs.open(target, { ...flags, mode: 0o666 & ~this.state.umask }, {
        cwd: this.state.cwd,
        cred: this.credentials,
        signal: this.process.signal,
      });
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await this.diagnose(`can't ${flags.write === true && flags.read !== true ? 'create' : 'open'} ${target}: ${error.reason}`);
        return undefined;
      }
      throw error;
    }
  }

  // --- traps --------------------------------------------------------------

  async #runPendingTraps(): Promise<void> {
    for (const signal of this.process.takePendingSignals()) {
      const action = this.state.traps.get(signal);
      if (action === undefined || action === '') continue;
      const saved = this.state.status;
      await this.runSource(action);
      this.state.status = saved;
    }
  }

  // --- I/O helpers for builtins -------------------------------------------

  /** Writes to an fd of this shell. SIGPIPE kills the shell unless ignored or trapped. */
  async writeFd(fd: number, data: string | Uint8Array): Promise<void> {
    const file = this.state.fds.get(fd);
    if (file === undefined) throw new PhoneFsError('EBADF', String(fd));
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      await file.write(bytes, this.process.signal);
    } catch (error) {
      if (error instanceof BrokenPipeError) {
        const disposition = this.process.disposition(PhoneSignal.PIPE);
        if (disposition === 'default') throw new ProcessSignalled(PhoneSignal.PIPE);
        if (disposition === 'trap') this.process.deliver(PhoneSignal.PIPE);
        throw new PhoneFsError('EPIPE');
      }
      throw error;
    }
  }

  /** `/system/bin/sh: message` on stderr (ignored if stderr is gone). */
  async diagnose(message: string): Promise<void> {
    try {
      await this.writeFd(2, `${this.state.arg0}: ${message}\n`);
    } catch (error) {
      if (error instanceof ProcessSignalled) throw error;
    }
  }

  #checkAlive(): void {
    const signal = this.process.signal;
    if (signal.aborted) throw signal.reason as Error;
  }

  #arith(expression: string): number {
    try {
      return evaluateArith(expression, this);
    } catch (error) {
      if (error instanceof ArithError) throw new ShellExpansionError(error.message);
      throw error;
    }
  }

  /** Used by `let` and `typeset -i`. */
  arith(expression: string): number {
    return this.#arith(expression);
  }

  /** `test`/`[` and `[[`: what they need to know about files. */
  #testHost(): TestHost {
    return {
      stat: (path, follow) => {
        const node = this.kernel.vfs.tryLookup(path, { cwd: this.state.cwd, cred: this.credentials, follow });
        return node;
      },
      access: (node, mode) => this.kernel.vfs.access(node, this.credentials, mode),
      isTerminal: () => false,
    };
  }

  testHost(): TestHost {
    return this.#testHost();
  }

  // --- ShellExpansionHost -------------------------------------------------

  get cwd(): string {
    return this.state.cwd;
  }

  get nounset(): boolean {
    return this.state.options.nounset;
  }

  positional(): readonly string[] {
    return this.state.positional;
  }

  get(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.state.status);
      case '$':
        return String(this.state.shellPid);
      case '!':
        return this.state.lastBackground === undefined ? '' : String(this.state.lastBackground);
      case '-':
        return this.#flags();
      case '0':
        return this.state.arg0;
      case 'RANDOM':
        return String(Math.floor(Math.random() * RANDOM_MAX));
      case 'EPOCHREALTIME':
        return this.kernel.clock.epochRealtime();
      case 'SECONDS':
        return String(Math.floor((this.kernel.clock.nowMs() - this.state.startedAtMs) / 1000));
      default:
        return this.state.vars.get(name);
    }
  }

  set(name: string, value: string): void {
    if (!this.#assign(name, value)) throw new ShellExpansionError(`${name}: is read only`);
  }

  async commandSubstitution(body: ShellList): Promise<string> {
    const pipe = new Pipe('command substitution');
    const writeEnd = pipe.openWrite();
    const readEnd = pipe.openRead();
    const child = this.#fork(
      async (sh) => {
        const only = body.items.length === 1 ? body.items[0] : undefined;
        if (only !== undefined && !only.background) return sh.#runAndOrAsChild(only.command);
        return sh.runList(body);
      },
      (fds) => fds.set(1, writeEnd.retain()),
    );
    writeEnd.release();
    const chunks: Buffer[] = [];
    try {
      for (;;) {
        const chunk = await readEnd.read(65536, this.process.signal);
        if (chunk === null) break;
        chunks.push(chunk);
      }
    } finally {
      readEnd.release();
    }
    this.state.status = await this.waitForChild(child);
    this.#substitutionStatus = this.state.status;
    return Buffer.concat(chunks).toString('utf8');
  }

  listDirectory(path: string): string[] | undefined {
    try {
      return this.kernel.vfs
        .readdir(normalizePath(this.state.cwd, path), { cred: this.credentials })
        .map(([name]) => name);
    } catch (error) {
      if (error instanceof PhoneFsError) return undefined;
      throw error;
    }
  }

  /** Is `path` a directory this shell may enter? (for `cd`) */
  isDirectory(path: string): boolean {
    const node = this.kernel.vfs.tryLookup(path, { cwd: this.state.cwd, cred: this.credentials });
    return node?.kind === VfsNodeKind.Directory;
  }

  #flags(): string {
    const o = this.state.options;
    return `${o.errexit ? 'e' : ''}${o.noglob ? 'f' : ''}h${o.nounset ? 'u' : ''}${o.xtrace ? 'x' : ''}`;
  }
}

function redirectFds(redirect: ShellRedirect): number[] {
  if (redirect.op === '&>' || (redirect.op === '>&' && !/^(\d+|-)$/.test(redirect.target.raw))) return [1, 2];
  return [redirect.fd ?? (redirect.op.startsWith('<') ? 0 : 1)];
}

/** A macrotask boundary, so a loop of builtins cannot starve timers and sockets. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
