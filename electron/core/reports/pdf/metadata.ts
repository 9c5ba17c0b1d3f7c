import { createHash } from 'node:crypto';
import type { ReportMeta } from '../doc.ts';
import { cleanText } from './runs.ts';

/**
 * The document's identity in its metadata, all taken from the recorded generation so the same
 * report gives the same bytes: creation date from generatedAt (in UTC, never the machine's zone),
 * the file id from the report id, fixed Creator and Producer, and "Custos-Report-Id: <uuid>" in the
 * keywords, in plain ASCII so `custos report verify` finds it in the raw bytes.
 */

export type DocumentIdentity = {
  properties: { title: string; subject: string; author: string; keywords: string; creator: string };
  creationDate: string;
  fileId: string;
};

const PRODUCER = 'Custos';

/** Metadata strings: no controls, one line (jsPDF writes UTF-16 itself when a character needs it). */
function plain(text: string): string {
  return cleanText(text, () => true)
    .replace(/\s+/g, ' ')
    .trim();
}

function pdfDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) {
    throw new Error(`the report's generation time "${iso}" is not a valid ISO time: the report record is damaged`);
  }
  const d = new Date(time).toISOString();
  if (!/^\d{4}-/.test(d)) throw new Error(`the report's generation time "${iso}" is out of range: the report record is damaged`);
  // D:YYYYMMDDHHmmSS+00'00', always UTC.
  return `D:${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}+00'00'`;
}

export function documentIdentity(meta: ReportMeta): DocumentIdentity {
  const id = meta.reportId.toLowerCase();
  const hex = id.replace(/-/g, '');
  const fileId = /^[0-9a-f]{32}$/.test(hex) ? hex : createHash('sha256').update(meta.reportId).digest('hex').slice(0, 32);
  const asciiId = meta.reportId.replace(/[^0-9A-Za-z-]/g, '');
  return {
    properties: {
      title: plain(`${meta.title} — ${meta.reference}`),
      subject: plain(`${meta.title}: ${meta.caseTitle}`),
      author: plain([meta.examiner, meta.organisation].filter((p) => p.trim() !== '').join(', ')),
      keywords: `Custos-Report-Id: ${asciiId}, TLP:${meta.tlp}`,
      creator: PRODUCER,
    },
    creationDate: pdfDate(meta.generatedAt),
    fileId,
  };
}

/**
 * What jsPDF's setCreationDate accepts (years 1970 to 2037 only): the real date is written over it
 * in the bytes afterwards (stampInfo), same length, so any year prints as it is.
 */
export const PLACEHOLDER_DATE = "D:20000101000000+00'00'";

/**
 * Final touches to the info dictionary, in place and at the same length so no byte offset in the
 * cross-reference table moves: jsPDF writes "/Producer (jsPDF x.y.z)" and offers no way to change it,
 * so it becomes "Custos" followed by spaces after the closing parenthesis (white space between
 * dictionary entries); and the placeholder creation date becomes the report's.
 */
export function stampInfo(bytes: Uint8Array, creationDate: string): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const put = (at: number, value: string) => {
    for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i);
  };
  const start = text.lastIndexOf('/Producer (');
  if (start >= 0) {
    const open = start + '/Producer ('.length;
    const close = text.indexOf(')', open);
    if (close >= 0 && close - open >= PRODUCER.length) put(open, `${PRODUCER})${' '.repeat(close - open - PRODUCER.length)}`);
  }
  const date = text.lastIndexOf(`/CreationDate (${PLACEHOLDER_DATE})`);
  if (date < 0 || creationDate.length !== PLACEHOLDER_DATE.length) {
    throw new Error('the PDF library wrote no creation date where the report engine expects it');
  }
  put(date + '/CreationDate ('.length, creationDate);
  return bytes;
}
