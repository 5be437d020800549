import type { PhoneCommand } from '../command.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime in UTC (the virtual phone's time zone), with toybox's %N. */
export function strftime(format: string, epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);
  const nanos = String(Math.floor((epochMs % 1000) * 1e6)).padStart(9, '0');
  return format.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
    switch (c) {
      case 's':
        return String(Math.floor(epochMs / 1000));
      case 'N':
        return nanos;
      case 'Y':
        return String(d.getUTCFullYear());
      case 'y':
        return p(d.getUTCFullYear() % 100);
      case 'm':
        return p(d.getUTCMonth() + 1);
      case 'd':
        return p(d.getUTCDate());
      case 'e':
        return p(d.getUTCDate(), 2, ' ');
      case 'H':
        return p(d.getUTCHours());
      case 'M':
        return p(d.getUTCMinutes());
      case 'S':
        return p(d.getUTCSeconds());
      case 'a':
        return DAYS[d.getUTCDay()]!;
      case 'b':
      case 'h':
        return MONTHS[d.getUTCMonth()]!;
      case 'j':
        return p(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
      case 'Z':
        return 'UTC';
      case 'z':
        return '+0000';
      case 'T':
        return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
      case 'F':
        return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
      case 'D':
        return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCFullYear() % 100)}`;
      case '%':
        return '%';
      default:
        return `%${c}`;
    }
  });
}

export const formatDateCommand: PhoneCommand = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '-u');
  const format = args.find((a) => a.startsWith('+'));
  const now = ctx.kernel.clock.nowMs();
  await ctx.write(`${strftime(format === undefined ? '%a %b %e %H:%M:%S %Z %Y' : format.slice(1), now)}\n`);
  return 0;
};
