// `input keyevent|tap|swipe|text …`: accepted and ignored (the virtual phone has no screen to wake).
import type { PhoneCommand } from '../../phone/command.js';

const VERBS = new Set(['keyevent', 'tap', 'swipe', 'text', 'press', 'roll', 'draganddrop', 'motionevent']);

export const inputCommand: PhoneCommand = async (ctx) => {
  const verb = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !['touchscreen', 'keyboard', 'mouse', 'dpad', 'trackball'].includes(a));
  if (verb === undefined || !VERBS.has(verb)) {
    await ctx.error(`Error: Unknown command: ${verb ?? ''}`);
    return 1;
  }
  await ctx.sleep(30);
  return 0;
};
