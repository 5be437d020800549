// JUnit XML, one test case per phone × path × budget, as CI systems display it.
import type { BudgetVerdict } from './budget-judge.js';

export interface JunitCase {
  phone: string;
  path: string;
  verdict: BudgetVerdict;
  sessionPath: string | null;
}

/** XML 1.0 cannot hold most control characters, even escaped: they are dropped. */
const isXmlChar = (code: number): boolean => code === 0x9 || code === 0xa || code === 0xd || code >= 0x20;

const escapeXml = (s: string): string =>
  [...s]
    .filter((c) => isXmlChar(c.codePointAt(0)!))
    .join('')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

export function junitXml(cases: readonly JunitCase[], suiteName = 'tetherscope'): string {
  const failures = cases.filter((c) => c.verdict.outcome === 'fail').length;
  const errors = cases.filter((c) => c.verdict.outcome === 'unjudged').length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${escapeXml(suiteName)}" tests="${cases.length}" failures="${failures}" errors="${errors}">`];
  const phones = [...new Set(cases.map((c) => c.phone))];
  for (const phone of phones) {
    const mine = cases.filter((c) => c.phone === phone);
    lines.push(
      `  <testsuite name="${escapeXml(phone)}" tests="${mine.length}" failures="${mine.filter((c) => c.verdict.outcome === 'fail').length}" errors="${mine.filter((c) => c.verdict.outcome === 'unjudged').length}">`,
    );
    for (const c of mine) {
      const name = `${c.path} ${c.verdict.budget} budget (${c.verdict.limit} ${c.verdict.unit})`;
      lines.push(`    <testcase classname="${escapeXml(`${phone}.${c.path}`)}" name="${escapeXml(name)}">`);
      if (c.verdict.outcome === 'fail') lines.push(`      <failure message="${escapeXml(c.verdict.message)}">${escapeXml(c.verdict.message)}</failure>`);
      if (c.verdict.outcome === 'unjudged') lines.push(`      <error message="${escapeXml(c.verdict.message)}">${escapeXml(c.verdict.message)}</error>`);
      lines.push(`      <system-out>${escapeXml(`${c.verdict.message}${c.sessionPath ? `\nSession: ${c.sessionPath}` : ''}`)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
