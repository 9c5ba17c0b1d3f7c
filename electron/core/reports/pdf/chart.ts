import { axisTicks, binMarks, fitted } from '../../../../shared/logic/timelineAxis.ts';
import type { Block } from '../doc.ts';
import { baselineIn, lineHeightOf } from './flow.ts';
import type { Flow } from './flow.ts';
import { CONTENT_H, CONTENT_W, INK, MARGIN_X, MUTED, RULE, SIZE, STRONG_RULE } from './style.ts';
import type { Rgb } from './style.ts';
import type { TextStyle } from './text.ts';

/**
 * The timeline picture on a page: lane names on the left, the axis on top, a tick per mark and a
 * taller bar where marks crowd together. In ink only (no colour carries meaning), so it reads the
 * same printed in black and white.
 */

type ChartBlock = Extract<Block, { type: 'chart' }>;

const LABEL_W = 112;
const AXIS_H = 16;
const LANE_H = 13;
/** Marks closer than this many points are drawn as one bar. */
const BIN_PT = 2;
const LABEL: TextStyle = { size: SIZE.small, weight: 'regular' };
const TICK: TextStyle = { size: 6.5, weight: 'regular' };
const BAND: Rgb = [0.96, 0.97, 0.98];

const captionLines = (flow: Flow, block: ChartBlock) => flow.type.wrap(block.caption, LABEL, CONTENT_W);

/** The chart's height: axis, lanes and the caption under them. */
export function chartHeight(flow: Flow, block: ChartBlock): number {
  return AXIS_H + block.lanes.length * LANE_H + 4 + captionLines(flow, block).length * lineHeightOf(SIZE.small);
}

export function chart(flow: Flow, block: ChartBlock): void {
  const height = chartHeight(flow, block);
  flow.ensure(Math.min(height, CONTENT_H));
  const canvas = flow.canvas;
  const top = flow.y;
  const plotX = MARGIN_X + LABEL_W;
  const plotW = CONTENT_W - LABEL_W;
  const times = block.lanes.flatMap((lane) => lane.at);
  const view = fitted(times, times[0] ?? 0);
  const x = (at: number) => plotX + ((at - view.start) / (view.end - view.start)) * plotW;
  const lanesTop = top + AXIS_H;
  const bottom = lanesTop + block.lanes.length * LANE_H;

  block.lanes.forEach((lane, i) => {
    const y = lanesTop + i * LANE_H;
    if (i % 2 === 0) canvas.fillRect(plotX, y, plotW, LANE_H, BAND);
    const name = flow.type.wrap(lane.label, LABEL, LABEL_W - 6)[0];
    if (name) canvas.text(name, MARGIN_X, y + baselineIn(LANE_H, SIZE.small), SIZE.small, INK);
  });

  const { ticks } = axisTicks(view, plotW, block.zone, 46);
  for (const tick of ticks) {
    const tx = x(tick.at);
    canvas.line(tx, top + AXIS_H - 4, tx, bottom, tick.major ? STRONG_RULE : RULE, tick.major ? 0.5 : 0.3);
    const label = flow.type.line(tick.label, TICK);
    // A label that would run past the right margin is left off; its line still marks the time.
    if (tx + 1.5 + flow.type.width(tick.label, TICK) <= MARGIN_X + CONTENT_W) {
      canvas.text(label, tx + 1.5, top + 8, TICK.size, tick.major ? INK : MUTED);
    }
  }
  // The zone the ticks are read in, under the lane names' column, beside the axis.
  canvas.text(flow.type.line(block.zone, TICK), MARGIN_X, top + 8, TICK.size, MUTED);
  canvas.line(plotX, top + AXIS_H, plotX + plotW, top + AXIS_H, STRONG_RULE, 0.5);

  block.lanes.forEach((lane, i) => {
    const mid = lanesTop + i * LANE_H + LANE_H / 2;
    const order = Int32Array.from(lane.at.map((_, j) => j).sort((a, b) => lane.at[a]! - lane.at[b]!));
    for (const bin of binMarks(lane.at, order, { start: view.start, end: view.end + 1 }, plotW, BIN_PT)) {
      const h = Math.min(LANE_H - 2, 5 + 1.6 * Math.log2(bin.count));
      canvas.fillRect(plotX + bin.x, mid - h / 2, 1.2, h, INK);
    }
  });

  flow.y = bottom + 4;
  flow.lines(captionLines(flow, block), MARGIN_X, LABEL, MUTED, lineHeightOf(SIZE.small));
}
