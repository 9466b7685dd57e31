import { Option } from 'commander';

export type Format = 'table' | 'wide' | 'json' | 'yaml';

export interface FormatFlag {
  format: Format;
}

/** The flags of a list: its format, and `--no-headers` (which commander gives as `headers: false`). */
export interface ListFlags extends FormatFlag {
  headers?: boolean;
}

/**
 * `--format table|wide|json|yaml`. Table is the default, on a terminal or not, so that output never
 * shifts. `wide` is a table with more columns where a list has them, and the table anywhere else.
 */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format (wide: a table with more columns)')
    .choices(['table', 'wide', 'json', 'yaml'])
    .default('table');
}

/** `--no-headers`, for a command that prints a list: the rows of a table alone, for `cut` and `awk`. */
export function noHeadersOption(): Option {
  return new Option('--no-headers', 'table and wide: print the rows without the header line');
}

export function write(text: string): void {
  if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Whether the format is a table (`table` or `wide`) rather than data (`json`, `yaml`). */
export function isTable(format: Format): boolean {
  return format === 'table' || format === 'wide';
}

/** Prints a value as JSON or YAML, or in the table form that `table` renders (for `wide` too). */
export async function print(format: Format, value: unknown, table: () => string): Promise<void> {
  if (format === 'json') write(JSON.stringify(value, null, 2));
  else if (format === 'yaml') write((await import('./yaml.js')).stringify(value));
  else write(table());
}

/** A cell: `-` for nothing, ISO times to the second, and no control characters that could drive a terminal. */
export function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  if (Array.isArray(value)) return value.length ? value.map(cell).join(',') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters a cell must not carry.
  const text = String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/.test(text) ? text.replace(/\.\d+Z$/, 'Z') : text;
}

export type Column<T> = [header: string, value: (row: T) => unknown];

/** Rows under upper-case headers (unless `headers` is false), in columns two spaces apart (the Sensu and kubectl form). */
export function table<T>(columns: Column<T>[], rows: T[], headers = true): string {
  const grid = [
    ...(headers ? [columns.map(([header]) => header.toUpperCase())] : []),
    ...rows.map((row) => columns.map(([, get]) => cell(get(row)))),
  ];
  const widths = columns.map((_, i) => Math.max(...grid.map((line) => (line[i] ?? '').length)));
  return grid
    .map((line) =>
      line
        .map((text, i) => text.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** One record as `Label: value` lines. */
export function fields(pairs: [label: string, value: unknown][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${cell(value)}`).join('\n');
}

/** `1 key`, `2 keys`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** What a list may add to its columns: the flag of `--no-headers`, wide columns, a record per row for data. */
export interface ListOptions<T> {
  /** False for `--no-headers`. */
  headers?: boolean;
  /** The columns of `--format wide`; without them, wide is the table. */
  wide?: Column<T>[];
  /** What `json` and `yaml` print for each row; the row itself by default. */
  record?: (row: T) => unknown;
}

/** A list in the chosen format; an empty table says so on stderr and prints nothing on stdout. */
export async function printList<T>(
  format: Format,
  rows: T[],
  columns: Column<T>[],
  noun: string,
  options: ListOptions<T> = {},
): Promise<void> {
  if (isTable(format) && rows.length === 0) {
    process.stderr.write(`No ${noun}.\n`);
    return;
  }
  const shown = format === 'wide' && options.wide ? options.wide : columns;
  const record = options.record;
  await print(format, record ? rows.map((row) => record(row)) : rows, () =>
    table(shown, rows, options.headers !== false),
  );
}

/** A list's columns as one record's `Label: value` pairs. */
export function columnFields<T>(columns: Column<T>[], row: T): [label: string, value: unknown][] {
  return columns.map(([header, value]) => [
    `${header[0]?.toUpperCase()}${header.slice(1)}`.replace(/\bI[dD]\b|\bid\b/, 'ID'),
    value(row),
  ]);
}
