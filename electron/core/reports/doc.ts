import type { Tlp } from '../../../shared/domain/case.ts';

/**
 * A report as plain data: what the templates (content/) produce and the PDF engine (pdf/) lays out.
 * Nothing here knows about pages, fonts or the case file, so a template can be tested by reading
 * this structure and the engine by feeding it one. It crosses to a worker thread as it is
 * (structured clone), so it holds only strings, numbers, booleans and arrays.
 */

export type ReportMeta = {
  /** "Counsel report", "Law-enforcement referral"… */
  title: string;
  /** The case's title, printed under the report's. */
  caseTitle: string;
  reference: string;
  tlp: Tlp;
  /** "Privileged & confidential", "Law enforcement sensitive": printed in every header. */
  classification: string;
  /** The privilege marking the case carries, as a banner on the cover and in every header; null: none. */
  privilegeBanner: string | null;
  examiner: string;
  examinerRole: string;
  organisation: string;
  /** ISO UTC; the report's creation date in its metadata too, so regeneration is byte-identical. */
  generatedAt: string;
  /** The examiner's zone; the cover prints the time in it beside UTC. */
  zone: string;
  /** The recorded generation's id: the PDF's document id and printed on every page's footer. */
  reportId: string;
};

export type VerificationBlock = {
  headSeq: number;
  headHash: string;
  /** The verdict of the full verification run just before generating. */
  verifiedOk: boolean;
  /** One line a check: "Audit chain: intact (12,345 entries)". */
  verifyLines: string[];
  /** How to check the case independently (the format document, the verifier, custos report verify). */
  howToCheck: string[];
  /** The same in one line, for the brief layout's compact block; absent: the steps joined. */
  howToCheckBriefly?: string;
};

export type TextStyle = 'normal' | 'muted' | 'mono' | 'bold';

export type Column = {
  title: string;
  /** Relative width; the engine shares the text width out by these. */
  width: number;
  /** Hashes and ids: a monospaced face, broken anywhere rather than at spaces. */
  mono?: boolean;
  align?: 'left' | 'right';
};

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string; style?: TextStyle }
  /**
   * Label and value pairs, two columns, the label in bold. `pairs` (a form): a short fact is set
   * beside the next short one, two to a line, and a long one across the width.
   */
  | { type: 'facts'; rows: Array<[label: string, value: string]>; pairs?: boolean }
  /** A table; its header repeats on every page it runs onto; cells wrap. */
  | { type: 'table'; columns: Column[]; rows: string[][]; empty?: string }
  /** A framed box: information, a warning, or what was withheld. */
  | { type: 'notice'; tone: 'info' | 'warning' | 'withheld'; text: string }
  /** Signature lines for a hand-over: each role gets name, signature and date lines. */
  | { type: 'signatures'; roles: string[] }
  /** A checklist: a box per item, ticked when done (null: blank, to fill in by hand). */
  | { type: 'checklist'; items: Array<{ text: string; done: boolean | null; detail?: string }> }
  /**
   * The timeline as a picture: one time axis (ticks on the wall clock of `zone`, which is named
   * under it) and a row per lane, each mark a tick at its time, marks closer than the eye can part
   * drawn as one taller bar. The same axis and binning as the window's picture (shared/logic/timelineAxis.ts).
   */
  | { type: 'chart'; zone: string; lanes: Array<{ label: string; at: number[] }>; caption: string }
  | { type: 'pageBreak' };

export type DocSection = {
  id: string;
  title: string;
  blocks: Block[];
  /** Starts on a new page (custody forms: one exhibit a page). */
  newPage?: boolean;
  /** A form: its blocks set closer together, so a custody form with its signatures keeps to one page. */
  dense?: boolean;
};

/**
 * How the pages are laid out. 'standard': a cover page, a contents page, the sections, the
 * verification section. 'brief' (the executive brief, two pages at most): a compact title block at
 * the top of page 1, the sections straight after it, and a compact verification block at the end.
 */
export type ReportLayout = 'standard' | 'brief';

export type ReportDoc = {
  meta: ReportMeta;
  /** Absent: 'standard'. */
  layout?: ReportLayout;
  sections: DocSection[];
  verification: VerificationBlock;
  /** The cover's summary lines under the title (counts, status); may be empty. */
  coverLines: string[];
};
