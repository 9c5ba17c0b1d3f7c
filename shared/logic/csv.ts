/**
 * CSV as RFC 4180 writes it (and as spreadsheets and identity providers export it): fields split
 * by commas, quoted with double quotes when they hold commas, quotes or line breaks, a doubled
 * quote inside quotes for a quote, CRLF or LF between records. A UTF-8 byte-order mark at the start
 * is dropped. Returns the records with the line each starts on, or the first place the text breaks
 * the format.
 */
export type CsvRecord = { line: number; fields: string[] };

export class CsvError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  let fields: string[] = [];
  let field = '';
  let start = 1;
  let quoted = false;
  let afterQuote = false;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it is not a record (a trailing newline, a blank line).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      afterQuote = false;
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      start = line;
    } else if (c === '"') {
      if (field !== '' || afterQuote) throw new CsvError(line, 'a quote inside a field that does not start with one');
      quoted = true;
    } else {
      if (afterQuote) throw new CsvError(line, 'text after the closing quote of a field');
      field += c;
    }
    i++;
  }
  if (quoted) throw new CsvError(start, 'a quoted field is never closed');
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
