import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** One row of an import file, as text. `number` is the row's number in the file (the header is row 1). */
export interface SourceRow {
  number: number;
  values: string[];
  /** Bytes of the file read so far (for progress). */
  bytes: number;
}

export type ImportFormat = 'csv' | 'xlsx';

/**
 * Streams the rows of the first worksheet (XLSX) or of a CSV file, the header row included, without loading
 * the file: memory stays flat whatever its size. Rows whose cells are all empty are left out.
 */
export async function* readRows(file: string, format: ImportFormat): AsyncGenerator<SourceRow> {
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  if (format === 'csv') {
    const parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
    // pipeline: a read error ends the iteration below with that error instead of hanging it.
    const records = pipeline(input, parser, () => undefined);
    let number = 0;
    for await (const record of records as AsyncIterable<string[]>) {
      number++;
      if (record.every((v) => v.trim() === '')) continue;
      yield { number, values: record, bytes: input.bytesRead };
    }
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const cells = (row.values as unknown[]).slice(1);
        const values = Array.from({ length: cells.length }, (_v, i) => cellText(cells[i]));
        if (values.every((v) => v.trim() === '')) continue;
        yield { number: row.number, values, bytes: input.bytesRead };
      }
      // Only the first worksheet holds the data.
      break;
    }
  } finally {
    input.destroy();
  }
}

/** A cell's value as the text a person sees; dates as ISO (date only when at midnight). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Spreadsheet dates carry no time zone: ExcelJS gives the wall-clock time as UTC.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: unknown;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return '';
  }
  return String(value);
}

/** CSV or XLSX, from the file's first bytes (an XLSX file is a ZIP archive), else from its name. */
export function detectFormat(firstBytes: Buffer, fileName: string): ImportFormat | null {
  if (firstBytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return /\.xlsx$/i.test(fileName) || !/\.csv$/i.test(fileName) ? 'xlsx' : null;
  }
  if (/\.xlsx?$/i.test(fileName)) return null;
  // A text file: no NUL bytes in its beginning.
  return firstBytes.includes(0) ? null : 'csv';
}
