// A small RFC 4180 CSV reader and writer (no dependency): comma separator, fields quoted with
// double quotes when they hold a comma, quote, CR or LF; a quote inside a quoted field is
// doubled. Records end at CRLF, LF or CR. Bytes are checked to be UTF-8 before parsing. Cells
// that a spreadsheet would run as formulas are written neutralised (see neutralizeCell).

import "server-only";
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvFormatError";
  }
}

export interface CsvRecord {
  /** 1-based line of the file on which the record starts (what a spreadsheet user sees). */
  line: number;
  fields: string[];
}

/**
 * Bytes to text: UTF-8 only (a leading BOM is accepted and dropped). UTF-16 (BOM or NUL bytes)
 * and invalid UTF-8 (e.g. Latin-1 "é" saved by an old spreadsheet) are refused with a message.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new CsvFormatError("The file is UTF-16. Save it as “CSV UTF-8” and try again.");
  }
  if (bytes.includes(0)) throw new CsvFormatError("The file contains NUL bytes: it is not a UTF-8 text file (UTF-16?). Save it as “CSV UTF-8”.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Name the first line with a bad byte sequence, so the seller can find it.
    let line = 1;
    const lossy = new TextDecoder("utf-8").decode(bytes);
    for (const ch of lossy) {
      if (ch === "\uFFFD") break;
      if (ch === "\n") line += 1;
    }
    throw new CsvFormatError(`The file is not valid UTF-8 (line ${line}; Latin-1 or another encoding?). Save it as “CSV UTF-8” and try again.`);
  }
  return text;
}

/** Parses CSV text into records. Blank lines are skipped. Throws CsvFormatError on a broken quote. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted (so "" is a value, not a blank line)
  const n = text.length;

  const endRecord = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === "" && !wasQuoted;
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
    wasQuoted = false;
  };

  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          throw new CsvFormatError(`Line ${line}: unexpected text after a closing quote. Quotes inside a quoted value must be doubled ("").`);
        }
        continue;
      }
      if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (field !== "") throw new CsvFormatError(`Line ${line}: a quote in the middle of an unquoted value. Quote the whole value and double the quote ("").`);
      quoted = true;
      wasQuoted = true;
      i += 1;
      continue;
    }
    if (c === ",") {
      fields.push(field);
      field = "";
      i += 1;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += c;
    i += 1;
  }
  if (quoted) throw new CsvFormatError(`Line ${recordLine}: a quoted value is never closed.`);
  if (field !== "" || fields.length > 0 || wasQuoted) endRecord();
  return records;
}

/**
 * Formula injection (CSV injection): a spreadsheet runs a cell that starts with =, +, -, @, a
 * tab or a CR as a formula, so a product title like =HYPERLINK(…) would act on the seller's
 * machine. Every CSV this module writes prefixes such a cell with an apostrophe, which
 * spreadsheets show as text. So that import reads back exactly what export wrote, a cell of
 * apostrophes followed by one of those characters is also prefixed, and `restoreCell` (used by
 * the import) removes one apostrophe from exactly those cells: the mapping is one to one.
 */
const FORMULA_LIKE = /^'*[=+\-@\t\r]/;
export function neutralizeCell(value: string): string {
  return FORMULA_LIKE.test(value) ? `'${value}` : value;
}
/** The inverse of neutralizeCell, for cells read from a file. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_LIKE.test(value) ? value.slice(1) : value;
}

function quoteField(raw: string): string {
  const value = neutralizeCell(raw);
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Records to CSV text: CRLF line ends (RFC 4180), fields quoted only when needed, formula-like
 * cells neutralised (neutralizeCell). */
export function serializeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteField).join(",")).join("\r\n") + (rows.length ? "\r\n" : "");
}
