/** Backslash escapes of mksh's echo and print. `\c` drops the trailing newline. */
export function interpretEscapes(text: string): { text: string; noNewline: boolean } {
  let out = '';
  let noNewline = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i]!;
    switch (n) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'c':
        noNewline = true;
        break;
      case 'e':
      case 'E':
        out += '\x1b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case '0': {
        const match = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(match || '0', 8) & 0xff);
        i += match.length;
        break;
      }
      case 'x': {
        const match = /^[0-9A-Fa-f]{0,2}/.exec(text.slice(i + 1))![0];
        if (match === '') out += '\\x';
        else out += String.fromCharCode(parseInt(match, 16));
        i += match.length;
        break;
      }
      default:
        out += `\\${n}`;
    }
  }
  return { text: out, noNewline };
}
