import type { Tlp } from '../../../../shared/domain/case.ts';

/**
 * The report's look in one place: page geometry (points, top-left origin), type sizes and colours.
 * Restrained on purpose: one family, two weights, grey rules, colour only where it carries meaning
 * (the TLP label, the tone of a notice).
 */

export type Rgb = readonly [number, number, number];

/** A4 portrait in points. */
export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
/** 18 mm left and right. */
export const MARGIN_X = 51.02;
export const CONTENT_W = PAGE_W - 2 * MARGIN_X;
/** The body's first and last usable y: the header and footer live in the margins above and below. */
export const CONTENT_TOP = 66;
export const CONTENT_BOTTOM = PAGE_H - 58;
export const CONTENT_H = CONTENT_BOTTOM - CONTENT_TOP;

export const HEADER = { top: 24, size: 7, lineHeight: 8.6, ruleY: 50 } as const;
export const FOOTER = { ruleY: PAGE_H - 44, baseline: PAGE_H - 30, size: 7 } as const;

/** Line height as a multiple of the type size. */
export const LEADING = 1.38;

export const SIZE = {
  body: 9.5,
  small: 8,
  table: 8,
  section: 14,
  heading: 11,
  notice: 9,
} as const;

/** Space between blocks, and before a section that does not start a page. */
export const GAP = { block: 9, section: 22, afterSectionTitle: 12 } as const;

/** The brief layout (two pages at most): smaller section titles, tighter space between blocks. */
export const BRIEF = { sectionSize: 12, block: 6, section: 14, afterSectionTitle: 7 } as const;

export const INK: Rgb = [0.11, 0.12, 0.13];
export const MUTED: Rgb = [0.38, 0.4, 0.43];
export const RULE: Rgb = [0.78, 0.8, 0.82];
export const STRONG_RULE: Rgb = [0.33, 0.36, 0.4];
export const HEADER_FILL: Rgb = [0.93, 0.94, 0.95];

export const NOTICE_TONES = {
  info: { label: 'Note', border: [0.42, 0.52, 0.62], fill: [0.94, 0.96, 0.98], dashed: false },
  warning: { label: 'Warning', border: [0.78, 0.52, 0.0], fill: [1.0, 0.97, 0.88], dashed: false },
  withheld: { label: 'Withheld', border: [0.42, 0.42, 0.42], fill: [0.92, 0.92, 0.92], dashed: true },
} as const satisfies Record<string, { label: string; border: Rgb; fill: Rgb; dashed: boolean }>;

/** TLP 2.0 (FIRST): the label is coloured text on a black background. */
export const TLP_COLOURS: Record<Tlp, Rgb> = {
  CLEAR: [1, 1, 1],
  GREEN: [0x33 / 255, 1, 0],
  AMBER: [1, 0xc0 / 255, 0],
  'AMBER+STRICT': [1, 0xc0 / 255, 0],
  RED: [1, 0x2b / 255, 0x2b / 255],
};
