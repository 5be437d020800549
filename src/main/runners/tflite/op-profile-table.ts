// Header and row parsing for the op-profiling tables (benchmark-tools.md §2.7). Three tab
// layouts exist (with `[start]`, 24-wide, 40-wide), plus hand re-spaced pastes and CSV mode.
import {
  OpProfileLayout,
  type OpProfileEntry,
} from '../../../shared/tool-output/benchmark-model.js';
import { parseNumber, parsePercent } from '../../parsing/numbers.js';

const Column = {
  NodeType: 'node_type',
  Start: 'start',
  First: 'first',
  AvgMs: 'avg_ms',
  Percent: 'percent',
  Cdf: 'cdf',
  MemKb: 'mem_kb',
  TimesCalled: 'times_called',
  Count: 'count',
  Name: 'name',
  Other: 'other',
} as const;
type Column = (typeof Column)[keyof typeof Column];

export interface TableHeader {
  readonly columns: readonly Column[];
  readonly layout: OpProfileLayout;
}

const COLUMN_BY_TITLE: Readonly<Record<string, Column>> = {
  nodetype: Column.NodeType,
  start: Column.Start,
  first: Column.First,
  avgms: Column.AvgMs,
  '%': Column.Percent,
  'avg%': Column.Percent,
  'cdf%': Column.Cdf,
  memkb: Column.MemKb,
  timescalled: Column.TimesCalled,
  count: Column.Count,
  name: Column.Name,
};

/** The node-type field is `setw(40)` in LiteRT, `setw(24)` before. */
const WIDE_NODE_TYPE = 40;

function columnOf(title: string): Column {
  return COLUMN_BY_TITLE[title.toLowerCase().replace(/[\s_]/g, '')] ?? Column.Other;
}

const CSV_HEADER = /^node type, /i;
const BRACKETED_TITLE = /\[([^\]]*)\]/g;

export function parseTableHeader(text: string): TableHeader | null {
  if (CSV_HEADER.test(text)) {
    return { columns: text.split(',').map((title) => columnOf(title)), layout: OpProfileLayout.Csv };
  }
  if (!/\[node type\]/i.test(text)) return null;
  const columns = [...text.matchAll(BRACKETED_TITLE)].map((match) => columnOf(match[1] ?? ''));
  if (columns[0] !== Column.NodeType) return null;
  return { columns, layout: layoutOf(text, columns) };
}

function layoutOf(text: string, columns: readonly Column[]): OpProfileLayout {
  if (!text.startsWith('\t')) return OpProfileLayout.Respaced;
  if (columns.includes(Column.Start)) return OpProfileLayout.WithStart;
  const nodeTypeField = text.split('\t')[1] ?? '';
  return nodeTypeField.length >= WIDE_NODE_TYPE ? OpProfileLayout.Wide : OpProfileLayout.Narrow;
}

function isTabLayout(layout: OpProfileLayout): boolean {
  return layout !== OpProfileLayout.Csv && layout !== OpProfileLayout.Respaced;
}

export function parseTableRow(text: string, header: TableHeader): OpProfileEntry | null {
  if (isTabLayout(header.layout) && text.startsWith('\t')) {
    const byTabs = rowFromFields(text.split('\t').slice(1), header.columns);
    if (byTabs) return byTabs;
  }
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return header.layout === OpProfileLayout.Csv
    ? rowFromTokens(trimmed.split(', '), header.columns, ', ')
    : rowFromTokens(trimmed.split(/\s+/), header.columns, ' ');
}

type Values = Partial<Record<Column, string>>;

function rowFromFields(fields: readonly string[], columns: readonly Column[]): OpProfileEntry | null {
  const values: Values = {};
  for (const [index, column] of columns.entries()) {
    const isLast = index === columns.length - 1;
    const field = column === Column.Name && isLast ? fields.slice(index).join('\t') : fields[index];
    if (field === undefined) return null;
    values[column] = field.trim();
  }
  return entryFrom(values, columns.includes(Column.Name));
}

/**
 * Node types and names may contain the separator (`Vx Delegate`, XNNPACK's
 * `Fully Connected (NC, PF32) GEMM`), so anchor on the first run of tokens that all
 * parse as the numeric columns; what is before is the type, what is after the name.
 */
function rowFromTokens(tokens: readonly string[], columns: readonly Column[], separator: string): OpProfileEntry | null {
  const hasName = columns[columns.length - 1] === Column.Name;
  const numeric = columns.slice(1, hasName ? -1 : undefined);
  for (let start = 1; start + numeric.length <= tokens.length; start++) {
    const rest = tokens.length - start - numeric.length;
    if (!hasName && rest !== 0) continue;
    if (!numeric.every((column, offset) => fits(column, tokens[start + offset]))) continue;
    const values: Values = { [Column.NodeType]: tokens.slice(0, start).join(separator) };
    numeric.forEach((column, offset) => {
      const token = tokens[start + offset];
      if (token !== undefined) values[column] = token;
    });
    if (hasName) values[Column.Name] = tokens.slice(start + numeric.length).join(separator);
    return entryFrom(values, hasName);
  }
  return null;
}

function fits(column: Column, token: string | undefined): boolean {
  if (token === undefined) return false;
  if (column === Column.Other) return token !== '';
  if (column === Column.Percent || column === Column.Cdf) return parsePercent(token) !== null;
  return parseNumber(token) !== null;
}

function entryFrom(values: Values, hasName: boolean): OpProfileEntry | null {
  const nodeType = values[Column.NodeType];
  if (nodeType === undefined || nodeType === '') return null;
  for (const column of Object.keys(values) as Column[]) {
    if (column === Column.NodeType || column === Column.Name) continue;
    if (!fits(column, values[column])) return null;
  }
  return {
    node_type: nodeType,
    avg_ms: parseNumber(values[Column.AvgMs]),
    times_called: parseNumber(values[Column.TimesCalled]),
    node_count: parseNumber(values[Column.Count]),
    first_ms: parseNumber(values[Column.First]),
    percent: parsePercent(values[Column.Percent]),
    name: hasName ? (values[Column.Name] ?? '') : null,
  };
}
