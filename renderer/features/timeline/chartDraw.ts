import type { EventCategory } from '../../../shared/domain/timeline.ts';
import type { ChartLane, ChartMark, ChartMarkKind } from '../../../shared/domain/timelineChart.ts';
import { CHART_LANE_LABELS } from '../../../shared/domain/timelineChart.ts';
import { axisTicks, binMarks, xOf } from '../../../shared/logic/timelineAxis.ts';
import type { AxisView, Bin } from '../../../shared/logic/timelineAxis.ts';
import { showBidi } from '../../../shared/logic/text.ts';

/**
 * Drawing the timeline picture on a canvas: the axis and its labels, one lane per kind of mark,
 * the "aware" and "now" lines, and the marks binned per few pixels (a count beside a bin of more
 * than one). Kept apart from the component so a frame is one plain function of what is shown.
 */

/** Colours per category, told apart by people with the common colour-vision differences (Tableau 10 and two more). */
export const CATEGORY_COLOURS: Record<EventCategory, string> = {
  hiring: '#4e79a7',
  identity: '#f28e2b',
  access: '#e15759',
  device: '#499894',
  communication: '#59a14f',
  payment: '#d4a514',
  exfiltration: '#b07aa1',
  extortion: '#9d2a3a',
  detection: '#9c755f',
  response: '#1f4e8c',
  legal: '#79706e',
  other: '#a0a7b1',
};

const KIND_COLOURS: Record<ChartMarkKind, string> = {
  acquisition: '#1e6b3a',
  transfer: '#6a3d9a',
  return: '#6a3d9a',
  disposal: '#5b6778',
  'run-start': '#1f4e8c',
  'step-done': '#1e6b3a',
  'step-due': '#b36b00',
  'step-overdue': '#a4262c',
  'demand-deadline': '#b36b00',
  'clock-due': '#1f4e8c',
  'clock-submitted': '#1e6b3a',
};
const LATE = '#a4262c';

export const markColour = (mark: ChartMark) => (mark.late ? LATE : KIND_COLOURS[mark.kind]);

export const GUTTER = 168;
export const AXIS_H = 34;
const RIGHT = 14;
const LANE_H: Record<ChartLane, number> = {
  events: 92,
  evidence: 34,
  custody: 34,
  playbook: 34,
  extortion: 34,
  clock: 34,
};
/** How wide a bin is, in pixels: events closer than this are counted together. */
export const BIN_PX: Record<ChartLane, number> = {
  events: 6,
  evidence: 12,
  custody: 12,
  playbook: 12,
  extortion: 12,
  clock: 12,
};

export type LaneBox = { lane: ChartLane; top: number; height: number };

export function laneBoxes(lanes: readonly ChartLane[]): LaneBox[] {
  let top = AXIS_H;
  return lanes.map((lane) => {
    const box = { lane, top, height: LANE_H[lane] };
    top += LANE_H[lane];
    return box;
  });
}

export const chartHeight = (lanes: readonly ChartLane[]) => AXIS_H + lanes.reduce((h, lane) => h + LANE_H[lane], 0) + 4;

export const plotWidth = (width: number) => Math.max(50, width - GUTTER - RIGHT);

/** What a frame shows: the data in draw order, and what is selected. */
export type Scene = {
  view: AxisView;
  zone: string;
  zoneNote: string;
  now: number;
  awareAt: number | null;
  lanes: ChartLane[];
  eventTimes: Float64Array;
  eventCategories: Int32Array;
  categories: readonly EventCategory[];
  /** Positions of the events shown (filtered), in time order. */
  events: Int32Array;
  marks: readonly ChartMark[];
  markTimes: Float64Array;
  /** Per lane, the positions of its marks shown, in time order. */
  markOrder: Map<ChartLane, Int32Array>;
  selected: { at: number; lane: ChartLane } | null;
};

/** The bins of each lane in the last frame, for the pointer to find what it is over. */
export type Frame = { boxes: LaneBox[]; bins: Map<ChartLane, Bin[]> };

const FONT = "12px Inter, 'Segoe UI', system-ui, 'Noto Sans', sans-serif";
const SMALL = "11px Inter, 'Segoe UI', system-ui, 'Noto Sans', sans-serif";

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, width: number, height: number): Frame {
  const plot = plotWidth(width);
  const x = (at: number) => GUTTER + xOf(at, scene.view, plot);
  const boxes = laneBoxes(scene.lanes);
  const bins = new Map<ChartLane, Bin[]>();
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // Lanes: a light band each, its name in the gutter.
  ctx.textBaseline = 'middle';
  boxes.forEach((box, i) => {
    ctx.fillStyle = i % 2 === 0 ? '#f7f9fb' : '#ffffff';
    ctx.fillRect(GUTTER, box.top, plot, box.height);
    ctx.fillStyle = '#1b2430';
    ctx.font = FONT;
    ctx.textAlign = 'left';
    ctx.fillText(CHART_LANE_LABELS[box.lane], 8, box.top + box.height / 2, GUTTER - 14);
  });
  const bottom = boxes.length ? boxes.at(-1)!.top + boxes.at(-1)!.height : AXIS_H;

  // The axis: ticks on the examiner's wall clock, the zone named in the gutter.
  const { ticks, context } = axisTicks(scene.view, plot, scene.zone, 96);
  ctx.font = SMALL;
  ctx.fillStyle = '#5b6778';
  ctx.textAlign = 'left';
  ctx.fillText(scene.zoneNote, 8, 11, GUTTER - 14);
  if (context) ctx.fillText(context, 8, 25, GUTTER - 14);
  ctx.save();
  ctx.beginPath();
  ctx.rect(GUTTER, 0, plot, height);
  ctx.clip();
  for (const tick of ticks) {
    const tx = Math.round(x(tick.at)) + 0.5;
    ctx.strokeStyle = tick.major ? '#b8c1cc' : '#e3e7ec';
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(tx, AXIS_H - 8);
    ctx.lineTo(tx, bottom);
    ctx.stroke();
    ctx.fillStyle = tick.major ? '#1b2430' : '#5b6778';
    ctx.font = tick.major ? `600 ${SMALL}` : SMALL;
    ctx.fillText(tick.label, tx + 4, 18);
  }
  ctx.strokeStyle = '#c5ccd6';
  ctx.beginPath();
  ctx.moveTo(GUTTER, AXIS_H - 0.5);
  ctx.lineTo(GUTTER + plot, AXIS_H - 0.5);
  ctx.stroke();

  // When the organisation became aware, and now: the two instants every deadline counts from or to.
  const line = (at: number, colour: string, label: string, dash: number[]) => {
    if (at < scene.view.start || at > scene.view.end) return;
    const lx = Math.round(x(at)) + 0.5;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(lx, AXIS_H);
    ctx.lineTo(lx, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    // The flag hangs just under the axis, clear of the tick labels above it.
    ctx.font = `600 ${SMALL}`;
    const w = ctx.measureText(label).width + 8;
    ctx.fillStyle = colour;
    ctx.fillRect(lx - w / 2, AXIS_H + 1, w, 14);
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.fillText(label, lx, AXIS_H + 8.5);
    ctx.textAlign = 'left';
  };
  if (scene.awareAt !== null) line(scene.awareAt, '#1f4e8c', 'Aware', [5, 3]);
  line(scene.now, '#a4262c', 'Now', []);

  for (const box of boxes) {
    const mid = box.top + box.height / 2;
    if (box.lane === 'events') {
      const laneBins = binMarks(
        scene.eventTimes,
        scene.events,
        scene.view,
        plot,
        BIN_PX.events,
        scene.eventCategories,
        scene.categories.length,
      );
      bins.set('events', laneBins);
      drawEventBins(ctx, laneBins, scene, mid, box.height);
    } else {
      const order = scene.markOrder.get(box.lane) ?? new Int32Array(0);
      const laneBins = binMarks(scene.markTimes, order, scene.view, plot, BIN_PX[box.lane]);
      bins.set(box.lane, laneBins);
      // A count where it has room: crowded pills would hide the marks they count (the tooltip says it).
      let pillEnd = -Infinity;
      for (const bin of laneBins) {
        const mark = scene.marks[order[bin.first]!]!;
        const cx = GUTTER + bin.x + BIN_PX[box.lane] / 2;
        drawShape(ctx, mark.kind, cx, mid, markColour(mark));
        if (bin.count > 1 && cx + 7 > pillEnd + 2) pillEnd = countPill(ctx, bin.count, cx + 7, mid - 9);
      }
    }
  }

  // The selected mark: a ring, and a hairline through every lane so its time reads on the axis.
  if (scene.selected) {
    const box = boxes.find((b) => b.lane === scene.selected!.lane);
    const sx = x(scene.selected.at);
    if (box && sx >= GUTTER - 2 && sx <= GUTTER + plot + 2) {
      ctx.strokeStyle = '#1b2430';
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      ctx.moveTo(Math.round(sx) + 0.5, AXIS_H);
      ctx.lineTo(Math.round(sx) + 0.5, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      const cy = box.top + box.height / 2;
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#f0a202';
      ctx.beginPath();
      ctx.arc(sx, cy, 10, 0, Math.PI * 2);
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#1b2430';
      ctx.beginPath();
      ctx.arc(sx, cy, 12.5, 0, Math.PI * 2);
      ctx.stroke();
    }
  }
  ctx.restore();
  return { boxes, bins };
}

/** One event: a dot. More in the same few pixels: a capsule growing with the count, the count above. */
function drawEventBins(ctx: CanvasRenderingContext2D, bins: Bin[], scene: Scene, mid: number, laneH: number): void {
  const maxH = laneH - 30;
  let labelEnd = -Infinity;
  ctx.font = SMALL;
  ctx.textAlign = 'center';
  for (const bin of bins) {
    const cx = GUTTER + bin.x + BIN_PX.events / 2;
    const colour = CATEGORY_COLOURS[scene.categories[bin.group >= 0 ? bin.group : 0] ?? 'other'];
    ctx.fillStyle = colour;
    if (bin.count === 1) {
      const category = scene.categories[scene.eventCategories[scene.events[bin.first]!]!] ?? 'other';
      ctx.fillStyle = CATEGORY_COLOURS[category];
      ctx.beginPath();
      ctx.arc(cx, mid, 4.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1;
      ctx.stroke();
      continue;
    }
    const h = Math.min(maxH, 9 + 7 * Math.log2(bin.count));
    const w = BIN_PX.events - 1;
    roundRect(ctx, cx - w / 2, mid - h / 2, w, h, w / 2);
    ctx.fill();
    const label = bin.count >= 1000 ? `${Math.round(bin.count / 100) / 10}k` : String(bin.count);
    const half = ctx.measureText(label).width / 2;
    if (cx - half > labelEnd + 3) {
      ctx.fillStyle = '#1b2430';
      ctx.fillText(label, cx, mid - h / 2 - 7);
      labelEnd = cx + half;
    }
  }
  ctx.textAlign = 'left';
}

/** "×12" on a small white pill beside a mark that stands for several; gives back where it ends. */
function countPill(ctx: CanvasRenderingContext2D, count: number, x: number, y: number): number {
  ctx.font = `600 ${SMALL}`;
  const text = `×${count}`;
  const w = ctx.measureText(text).width + 6;
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#8a94a3';
  ctx.lineWidth = 1;
  roundRect(ctx, x, y - 6.5, w, 13, 4);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = '#1b2430';
  ctx.textAlign = 'left';
  ctx.fillText(text, x + 3, y);
  return x + w;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** Each kind its own shape, so the picture reads without colour too. */
export function drawShape(
  ctx: CanvasRenderingContext2D,
  kind: ChartMarkKind,
  cx: number,
  cy: number,
  colour: string,
): void {
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  switch (kind) {
    case 'acquisition':
      ctx.rect(cx - 5, cy - 5, 10, 10);
      ctx.fill();
      return;
    case 'transfer':
      ctx.moveTo(cx - 5, cy - 6);
      ctx.lineTo(cx + 6, cy);
      ctx.lineTo(cx - 5, cy + 6);
      ctx.closePath();
      ctx.fill();
      return;
    case 'return':
      ctx.moveTo(cx + 5, cy - 6);
      ctx.lineTo(cx - 6, cy);
      ctx.lineTo(cx + 5, cy + 6);
      ctx.closePath();
      ctx.fill();
      return;
    case 'disposal':
      ctx.moveTo(cx - 5, cy - 5);
      ctx.lineTo(cx + 5, cy + 5);
      ctx.moveTo(cx + 5, cy - 5);
      ctx.lineTo(cx - 5, cy + 5);
      ctx.stroke();
      return;
    case 'run-start':
      ctx.moveTo(cx - 4, cy + 7);
      ctx.lineTo(cx - 4, cy - 7);
      ctx.lineTo(cx + 6, cy - 3.5);
      ctx.lineTo(cx - 4, cy);
      ctx.stroke();
      ctx.fill();
      return;
    case 'step-done':
    case 'clock-submitted':
      ctx.arc(cx, cy, 5, 0, Math.PI * 2);
      ctx.fill();
      return;
    case 'step-due':
      ctx.arc(cx, cy, 4.5, 0, Math.PI * 2);
      ctx.stroke();
      return;
    case 'step-overdue':
      ctx.arc(cx, cy, 5.5, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(cx - 1, cy - 3.5, 2, 4);
      ctx.fillRect(cx - 1, cy + 1.5, 2, 2);
      return;
    case 'demand-deadline':
    case 'clock-due':
      ctx.moveTo(cx, cy - 7);
      ctx.lineTo(cx + 7, cy);
      ctx.lineTo(cx, cy + 7);
      ctx.lineTo(cx - 7, cy);
      ctx.closePath();
      ctx.fill();
      return;
  }
}

/** The lane and bin under a point, if any (within a few pixels of a bin's centre). */
export function hitTest(frame: Frame, px: number, py: number): { lane: ChartLane; bin: Bin } | null {
  const box = frame.boxes.find((b) => py >= b.top && py < b.top + b.height);
  if (!box) return null;
  const bins = frame.bins.get(box.lane) ?? [];
  let best: Bin | null = null;
  let distance = Math.max(8, BIN_PX[box.lane]);
  for (const bin of bins) {
    const d = Math.abs(GUTTER + bin.x + BIN_PX[box.lane] / 2 - px);
    if (d <= distance) {
      best = bin;
      distance = d;
    }
  }
  return best ? { lane: box.lane, bin: best } : null;
}

/** Text for a canvas or a tooltip: user text with its direction controls shown, not obeyed. */
export const plain = (text: string) => showBidi(text);
