import { PhoneFsError } from '../../fs/errno.js';
import type { OpenFile } from '../../fs/open-file.js';
import type { PhoneCommandContext } from '../command.js';

/** Opens an operand for reading (`-` is stdin); prints toybox's error and returns undefined on failure. */
export async function openInput(ctx: PhoneCommandContext, operand: string): Promise<OpenFile | undefined> {
  if (operand === '-') return ctx.stdin.retain();
  try {
    return await ctx.kernel.vfs.open(operand, { read: true }, { cwd: ctx.cwd, cred: ctx.credentials, signal: ctx.signal });
  } catch (error) {
    if (error instanceof PhoneFsError) {
      await ctx.error(`${operand}: ${error.reason}`);
      return undefined;
    }
    throw error;
  }
}

export async function readWhole(ctx: PhoneCommandContext, file: OpenFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const chunk = await file.read(65536, ctx.signal);
    if (chunk === null) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Runs `each` on every input (stdin when there are no operands); exit status 1 if any failed to open. */
export async function forEachInput(
  ctx: PhoneCommandContext,
  operands: readonly string[],
  each: (file: OpenFile, name: string) => Promise<void>,
): Promise<number> {
  let status = 0;
  for (const operand of operands.length === 0 ? ['-'] : operands) {
    const file = await openInput(ctx, operand);
    if (file === undefined) {
      status = 1;
      continue;
    }
    try {
      await each(file, operand);
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await ctx.error(`${operand}: ${error.reason}`);
        status = 1;
        continue;
      }
      throw error;
    } finally {
      file.release();
    }
  }
  return status;
}

/** Runs a file-system call, turning PhoneFsError into toybox's message; false on failure. */
export async function tryFs(ctx: PhoneCommandContext, what: string, call: () => void): Promise<boolean> {
  try {
    call();
    return true;
  } catch (error) {
    if (error instanceof PhoneFsError) {
      await ctx.error(`${what}: ${error.reason}`);
      return false;
    }
    throw error;
  }
}
