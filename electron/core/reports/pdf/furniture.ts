import type { Tlp } from '../../../../shared/domain/case.ts';
import { formatInZone } from '../../../../shared/logic/time.ts';
import type { ReportMeta } from '../doc.ts';
import type { Canvas } from './canvas.ts';
import { baselineIn } from './flow.ts';
import { CONTENT_W, FOOTER, HEADER, INK, MARGIN_X, MUTED, PAGE_W, RULE, TLP_COLOURS } from './style.ts';
import type { Line, TextStyle, Typesetter } from './text.ts';

/**
 * What every page carries: the running header (TLP label, classification and privilege marking,
 * case reference) on all pages after the cover, and the footer (report id, generation date,
 * "page X of Y") on all of them. Drawn once the page count is known.
 */

export function tlpText(tlp: Tlp): string {
  return `TLP:${tlp}`;
}

/** TLP 2.0's sharing rule for each label, for readers who do not know the scheme. */
export const TLP_MEANING: Record<Tlp, string> = {
  CLEAR: 'disclosure is not limited',
  GREEN: 'limited disclosure: recipients may share within their community, not publicly',
  AMBER: 'limited disclosure: recipients may share only within their organisation and its clients, on a need-to-know basis',
  'AMBER+STRICT': 'limited disclosure: recipients may share only within their own organisation, on a need-to-know basis',
  RED: 'for the eyes and ears of the individual recipients only, no further disclosure',
};

/** The label as TLP 2.0 prints it: coloured capitals on black. Returns its width. */
export function drawTlpLabel(canvas: Canvas, type: Typesetter, tlp: Tlp, x: number, y: number, size: number): number {
  const style: TextStyle = { size, weight: 'bold' };
  const line = type.line(tlpText(tlp), style);
  const padX = size * 0.6;
  const height = size * 1.6;
  canvas.fillRect(x, y, line.width + 2 * padX, height, [0, 0, 0]);
  canvas.text(line, x + padX, y + baselineIn(height, size), size, TLP_COLOURS[tlp]);
  return line.width + 2 * padX;
}

/** "2026-12-01 14:03 UTC · 2026-12-01 15:03 Europe/Berlin (+01:00)"; UTC alone when the zone is UTC. */
export function generatedLine(utc: string, zone: string): string {
  const atUtc = formatInZone(utc, 'UTC');
  const inUtc = `${atUtc.date} ${atUtc.time.slice(0, 5)} UTC`;
  if (zone === 'UTC' || zone === 'Z') return inUtc;
  try {
    const local = formatInZone(utc, zone);
    const named = /^[+-]\d{2}:?\d{2}$/.test(zone) ? local.offset : `${zone} (${local.offset})`;
    return `${inUtc} · ${local.date} ${local.time.slice(0, 5)} ${named}`;
  } catch {
    // A zone this machine's time-zone data does not know: UTC is still right.
    return inUtc;
  }
}

export function shortReportId(reportId: string): string {
  return reportId.slice(0, 8);
}

/** Text cut to fit `width`, ending in an ellipsis when it had to be cut. */
function fitted(type: Typesetter, text: string, style: TextStyle, width: number): Line {
  const full = type.line(text, style);
  if (full.width <= width) return full;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (type.width(`${text.slice(0, mid).trimEnd()}…`, style) <= width) low = mid;
    else high = mid - 1;
  }
  return type.line(`${text.slice(0, low).trimEnd()}…`, style);
}

/**
 * The markings, classification in bold and the privilege banner after it, on up to three lines:
 * a marking is printed whole rather than cut, and only one too long for three lines is shortened.
 */
function markingLines(type: Typesetter, meta: ReportMeta, width: number): Array<{ line: Line; style: TextStyle }> {
  const size = HEADER.size;
  const regular: TextStyle = { size, weight: 'regular' };
  const bold: TextStyle = { size, weight: 'bold' };
  const oneLine = (text: string | null) => type.clean(text ?? '').replace(/\n/g, ' ').trim();
  const classification = oneLine(meta.classification);
  const banner = oneLine(meta.privilegeBanner);
  const lines: Array<{ line: Line; style: TextStyle; text: string }> = type
    .wrap(classification, bold, width)
    .map((line) => ({ line, style: bold, text: line.runs.map((r) => r.text).join('') }));
  if (banner !== '') {
    const last = lines.at(-1);
    const after = type.line(`· ${banner}`, regular);
    if (last && last.line.width + 4 + after.width <= width) {
      // Same line: one line of runs in two weights.
      const shifted = after.runs.map((run) => ({ ...run }));
      shifted[0]!.text = ` ${shifted[0]!.text}`;
      shifted[0]!.width += type.width(' ', regular);
      last.line = { runs: [...last.line.runs, ...shifted], width: last.line.width + after.width };
    } else {
      for (const line of type.wrap(banner, regular, width)) {
        lines.push({ line, style: regular, text: line.runs.map((r) => r.text).join('') });
      }
    }
  }
  if (lines.length > 3) {
    const rest = lines
      .slice(2)
      .map((l) => l.text)
      .join(' ');
    const third = lines[2]!;
    lines.length = 2;
    lines.push({ ...third, line: fitted(type, rest, third.style, width) });
  }
  return lines;
}

export function drawHeader(canvas: Canvas, type: Typesetter, meta: ReportMeta): void {
  const size = HEADER.size;
  const regular: TextStyle = { size, weight: 'regular' };
  const reference = fitted(type, type.clean(meta.reference).replace(/\n/g, ' '), regular, CONTENT_W * 0.3);
  const labelWidth = type.line(tlpText(meta.tlp), { size, weight: 'bold' }).width + 1.2 * size;
  const left = MARGIN_X + labelWidth + 10;
  const lines = markingLines(type, meta, PAGE_W - MARGIN_X - reference.width - 14 - left);
  // More lines start higher, so the rule under the header stays where it is on every report.
  const top = HEADER.top - (lines.length - 1) * (HEADER.lineHeight / 2);
  drawTlpLabel(canvas, type, meta.tlp, MARGIN_X, top, size);
  const first = top + baselineIn(size * 1.6, size);
  canvas.text(reference, PAGE_W - MARGIN_X - reference.width, first, size, MUTED);
  lines.forEach(({ line }, i) => canvas.text(line, left, first + i * HEADER.lineHeight, size, INK));
  canvas.line(MARGIN_X, HEADER.ruleY, PAGE_W - MARGIN_X, HEADER.ruleY, RULE, 0.5);
}

export function drawFooter(canvas: Canvas, type: Typesetter, meta: ReportMeta, page: number, pages: number): void {
  const size = FOOTER.size;
  const style: TextStyle = { size, weight: 'regular' };
  canvas.line(MARGIN_X, FOOTER.ruleY, PAGE_W - MARGIN_X, FOOTER.ruleY, RULE, 0.5);
  const atUtc = formatInZone(meta.generatedAt, 'UTC');
  const left = type.line(
    type.clean(`Report ${shortReportId(meta.reportId)} · generated ${atUtc.date} ${atUtc.time.slice(0, 5)} UTC`),
    style,
  );
  canvas.text(left, MARGIN_X, FOOTER.baseline, size, MUTED);
  const count = type.line(`page ${page} of ${pages}`, style);
  canvas.text(count, PAGE_W - MARGIN_X - count.width, FOOTER.baseline, size, INK);
}
