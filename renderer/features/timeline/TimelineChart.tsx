import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { EVENT_CATEGORIES } from '../../../shared/domain/timeline.ts';
import type { ChartLane, ChartMark, TimelineChart as ChartData } from '../../../shared/domain/timelineChart.ts';
import {
  CHART_LANES,
  CHART_LANE_LABELS,
  CHART_MARK_LABELS,
  LANE_OF_MARK,
} from '../../../shared/domain/timelineChart.ts';
import {
  PRESET_SPANS,
  centredOn,
  filterEvents,
  fitted,
  foldWords,
  matchesWords,
  mergeOrder,
  panned,
  timeAt,
  wallMinute,
  zoomed,
} from '../../../shared/logic/timelineAxis.ts';
import type { AxisView } from '../../../shared/logic/timelineAxis.ts';
import { formatOffset, offsetMinutesAt } from '../../../shared/logic/time.ts';
import { useAppStore } from '../../store/selectors.ts';
import { elementIdOf } from '../../store/extortion.ts';
import { FormError } from '../../components/FormFooter.tsx';
import { categoryLabel } from './EventForm.tsx';
import { CATEGORY_COLOURS, GUTTER, chartHeight, drawScene, hitTest, plain, plotWidth } from './chartDraw.ts';
import type { Frame, Scene } from './chartDraw.ts';
import './timelineChart.css';

/** What is selected: an event (its position in the columns) or another mark (its position in `marks`). */
type Selection = { type: 'event' | 'mark'; index: number };

const OTHER_LANES = CHART_LANES.filter((l) => l !== 'events');
const thousands = (n: number) => n.toLocaleString('en-GB');

/**
 * The timeline as a picture: every event on one time axis, coloured by category, with the rest of
 * the case beside it in lanes (acquisitions, hand-overs, playbook milestones, extortion and
 * notification deadlines). The view reads it (TimelineView); zoom and pan with the buttons, Ctrl+wheel (or a pinch) and dragging;
 * the keyboard walks the marks in time order and Enter opens the one selected.
 */
export function TimelineChart({
  zone,
  onOpenEvent,
}: {
  zone: string;
  onOpenEvent: (id: string, index: number) => void;
}) {
  const chart = useAppStore((s) => s.timelineChart);
  const error = useAppStore((s) => s.timelineChartError);
  if (!chart) {
    return error ? <FormError message={error} /> : <p className="muted">Drawing the timeline…</p>;
  }
  return <ChartBody chart={chart} zone={zone} onOpenEvent={onOpenEvent} error={error} />;
}

function ChartBody({
  chart,
  zone,
  onOpenEvent,
  error,
}: {
  chart: ChartData;
  zone: string;
  onOpenEvent: (id: string, index: number) => void;
  error: string | null;
}) {
  const searchHitOpened = useAppStore((s) => s.searchHitOpened);
  const deadlineOpened = useAppStore((s) => s.deadlineOpened);

  // The columns as typed arrays, made once per answer: every frame reads them.
  const data = useMemo(
    () => ({
      eventTimes: Float64Array.from(chart.events.at),
      eventCategories: Int32Array.from(chart.events.category),
      markTimes: Float64Array.from(chart.marks, (m) => m.at),
    }),
    [chart],
  );

  const [categoryOn, setCategoryOn] = useState<boolean[]>(() => chart.categories.map(() => true));
  const [laneOn, setLaneOn] = useState<Record<ChartLane, boolean>>(
    () => Object.fromEntries(CHART_LANES.map((l) => [l, true])) as Record<ChartLane, boolean>,
  );
  const [text, setText] = useState('');
  const filterText = useDeferredValue(text);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);

  const everything = useCallback((): AxisView => {
    const n = data.eventTimes.length;
    const m = data.markTimes.length;
    const ends = [
      ...(n ? [data.eventTimes[0]!, data.eventTimes[n - 1]!] : []),
      ...(m ? [data.markTimes[0]!, data.markTimes[m - 1]!] : []),
      ...(chart.awareAt !== null ? [chart.awareAt] : []),
    ];
    // Now is in the picture when it is near what happened (deadlines are read against it), not
    // when the case is years old and it would squeeze everything to one side.
    const first = Math.min(...ends);
    const last = Math.max(...ends);
    if (ends.length && chart.now > last && chart.now - last < last - first) ends.push(chart.now);
    return fitted(ends, chart.now);
  }, [data, chart]);
  const [view, setView] = useState<AxisView>(everything);

  // A new answer (an event added, a step done): what was selected may have moved or gone.
  const [selectedIn, setSelectedIn] = useState(chart);
  if (selectedIn !== chart) {
    setSelectedIn(chart);
    setSelected(null);
  }

  const events = useMemo(
    () =>
      laneOn.events
        ? filterEvents(data.eventCategories, chart.events.title, categoryOn, filterText)
        : new Int32Array(0),
    [data, chart, categoryOn, laneOn.events, filterText],
  );
  const { markOrder, marksShown } = useMemo(() => {
    const words = foldWords(filterText);
    const perLane = new Map<ChartLane, number[]>();
    const shown: number[] = [];
    chart.marks.forEach((mark, i) => {
      const lane = LANE_OF_MARK[mark.kind];
      if (!laneOn[lane] || !matchesWords(mark.label, words)) return;
      shown.push(i);
      const list = perLane.get(lane);
      if (list) list.push(i);
      else perLane.set(lane, [i]);
    });
    return {
      markOrder: new Map([...perLane].map(([lane, list]) => [lane, Int32Array.from(list)])),
      marksShown: Int32Array.from(shown),
    };
  }, [chart, laneOn, filterText]);
  const order = useMemo(
    () => mergeOrder(data.eventTimes, events, data.markTimes, marksShown),
    [data, events, marksShown],
  );
  const lanes = useMemo(() => CHART_LANES.filter((l) => laneOn[l]), [laneOn]);

  const timeOf = useCallback(
    (s: Selection) => (s.type === 'event' ? data.eventTimes[s.index]! : data.markTimes[s.index]!),
    [data],
  );
  const positionOf = useCallback((s: Selection) => order.indexOf(s.type === 'event' ? s.index : -1 - s.index), [order]);
  const selectionAt = (position: number): Selection => {
    const entry = order[position]!;
    return entry >= 0 ? { type: 'event', index: entry } : { type: 'mark', index: -1 - entry };
  };

  // The canvas: as wide as its box, drawn again whenever what it shows changes.
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<Frame | null>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = wrap.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const height = chartHeight(lanes);
  const plot = plotWidth(width);
  const centre = (view.start + view.end) / 2;
  const zoneNote = `${zone} (UTC${formatOffset(offsetMinutesAt(zone, centre))})`;

  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(width * ratio);
    c.height = Math.round(height * ratio);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const scene: Scene = {
      view,
      zone,
      zoneNote,
      now: chart.now,
      awareAt: chart.awareAt,
      lanes,
      eventTimes: data.eventTimes,
      eventCategories: data.eventCategories,
      categories: chart.categories,
      events,
      marks: chart.marks,
      markTimes: data.markTimes,
      markOrder,
      selected: selected
        ? {
            at: timeOf(selected),
            lane: selected.type === 'event' ? 'events' : LANE_OF_MARK[chart.marks[selected.index]!.kind],
          }
        : null,
    };
    frame.current = drawScene(ctx, scene, width, height);
  }, [view, zone, zoneNote, chart, lanes, data, events, markOrder, selected, width, height, timeOf]);

  // Words for a mark, as the status line and the tooltip say them.
  const describe = useCallback(
    (s: Selection): string => {
      if (s.type === 'event') {
        const category = categoryLabel(chart.categories[chart.events.category[s.index]!] ?? 'other');
        return `Timeline event ‘${plain(chart.events.title[s.index]!)}’ (${category}) ${wallMinute(
          data.eventTimes[s.index]!,
          zone,
        )} ${zone}`;
      }
      const mark = chart.marks[s.index]!;
      const late = mark.late ? ' — passed' : '';
      return `${CHART_MARK_LABELS[mark.kind]} ‘${plain(mark.label)}’ ${wallMinute(mark.at, zone)} ${zone}${late}`;
    },
    [chart, data, zone],
  );

  const open = useCallback(
    (s: Selection) => {
      if (s.type === 'event') {
        onOpenEvent(chart.events.id[s.index]!, s.index);
        return;
      }
      const mark: ChartMark = chart.marks[s.index]!;
      const { target } = mark;
      if (target.kind === 'clock') deadlineOpened('clocks', elementIdOf('clock', target.id));
      else if (target.kind === 'demand') deadlineOpened('extortion', elementIdOf('demand', target.id));
      else {
        searchHitOpened({
          kind: target.kind,
          id: target.id,
          title: [{ text: mark.label, match: false }],
          snippet: [],
          ...(target.runId !== undefined ? { runId: target.runId } : {}),
          ...(target.stepId !== undefined ? { stepId: target.stepId } : {}),
        });
      }
    },
    [chart, onOpenEvent, deadlineOpened, searchHitOpened],
  );

  /** Selects a mark, bringing it into view (the span kept) when it is off screen or at the edge. */
  const select = (s: Selection) => {
    setSelected(s);
    const at = timeOf(s);
    const margin = (view.end - view.start) * 0.05;
    if (at < view.start + margin || at > view.end - margin) setView(centredOn(at, view.end - view.start));
  };

  const zoomBy = (factor: number, anchor?: number) =>
    setView((v) => zoomed(v, factor, anchor ?? (selected ? timeOf(selected) : undefined)));

  function onKeyDown(e: ReactKeyboardEvent<HTMLDivElement>) {
    const span = view.end - view.start;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.shiftKey) {
      handled();
      setView(panned(view, (e.key === 'ArrowLeft' ? -span : span) / 5));
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      handled();
      if (order.length === 0) return;
      const forward = e.key === 'ArrowRight';
      const current = selected ? positionOf(selected) : -1;
      let next: number;
      if (current >= 0) next = Math.min(order.length - 1, Math.max(0, current + (forward ? 1 : -1)));
      else {
        // Nothing selected yet: the first mark in view going right, the last going left.
        const times = Array.from(order, (entry) =>
          entry >= 0 ? data.eventTimes[entry]! : data.markTimes[-1 - entry]!,
        );
        const firstIn = times.findIndex((t) => t >= view.start);
        const lastIn = times.findLastIndex((t) => t <= view.end);
        next = forward ? (firstIn >= 0 ? firstIn : 0) : lastIn >= 0 ? lastIn : order.length - 1;
      }
      select(selectionAt(next));
    } else if (e.key === 'Home' || e.key === 'End') {
      handled();
      if (order.length) select(selectionAt(e.key === 'Home' ? 0 : order.length - 1));
    } else if (e.key === '+' || e.key === '=') {
      handled();
      zoomBy(0.5);
    } else if (e.key === '-' || e.key === '_') {
      handled();
      zoomBy(2);
    } else if (e.key === '0') {
      handled();
      setView(everything());
    } else if (e.key === 'Enter' && selected) {
      handled();
      open(selected);
    } else if (e.key === 'Escape' && selected) {
      handled();
      setSelected(null);
    }
  }

  // Ctrl+wheel (a pinch on a touchpad arrives so) zooms about the pointer; a sideways wheel pans.
  // Registered by hand: React's wheel listener is passive and could not keep the page still.
  useEffect(() => {
    const element = wrap.current;
    if (!element) return;
    const onWheel = (e: WheelEvent) => {
      const rect = element.getBoundingClientRect();
      const px = e.clientX - rect.left - GUTTER;
      const w = plotWidth(rect.width);
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        const factor = Math.exp(e.deltaY * 0.003);
        setView((v) => zoomed(v, factor, timeAt(Math.min(w, Math.max(0, px)), v, w)));
      } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        e.preventDefault();
        const delta = e.deltaX || e.deltaY;
        setView((v) => panned(v, (delta / w) * (v.end - v.start)));
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  // Dragging pans; a press that does not move is a click on what is under it.
  const drag = useRef<{ x: number; view: AxisView; moved: boolean } | null>(null);
  function pointInCanvas(e: ReactPointerEvent) {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }
  function onPointerDown(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, view, moved: false };
    e.currentTarget.setPointerCapture(e.pointerId);
  }
  function onPointerMove(e: ReactPointerEvent<HTMLCanvasElement>) {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.x;
      if (Math.abs(dx) > 3) d.moved = true;
      if (d.moved) {
        setHover(null);
        setView(panned(d.view, (-dx / plot) * (d.view.end - d.view.start)));
        return;
      }
    }
    const { x, y } = pointInCanvas(e);
    const hit = frame.current ? hitTest(frame.current, x, y) : null;
    setHover(hit ? { x, y, text: binText(hit.lane, hit.bin.first, hit.bin.last, hit.bin.count) } : null);
  }
  function onPointerUp(e: ReactPointerEvent<HTMLCanvasElement>) {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const { x, y } = pointInCanvas(e);
    const hit = frame.current ? hitTest(frame.current, x, y) : null;
    if (!hit) return;
    const laneOrder = hit.lane === 'events' ? events : (markOrder.get(hit.lane) ?? new Int32Array(0));
    const first = laneOrder[hit.bin.first]!;
    const s: Selection = hit.lane === 'events' ? { type: 'event', index: first } : { type: 'mark', index: first };
    if (hit.bin.count === 1) {
      setSelected(s);
      // An event opens in the table below at once; other marks open another section, so a
      // double click or Enter (or the Open button) does that.
      if (s.type === 'event') open(s);
      return;
    }
    // Several marks in a few pixels: zoom in on them so they can be told apart.
    const times = hit.lane === 'events' ? data.eventTimes : data.markTimes;
    const from = times[laneOrder[hit.bin.first]!]!;
    const to = times[laneOrder[hit.bin.last]!]!;
    setView(to - from > 0 ? fitted([from, to], chart.now) : centredOn(from, (view.end - view.start) / 20));
  }

  function binText(lane: ChartLane, first: number, last: number, count: number): string {
    const laneOrder = lane === 'events' ? events : (markOrder.get(lane) ?? new Int32Array(0));
    const at = (p: number) => (lane === 'events' ? data.eventTimes[laneOrder[p]!]! : data.markTimes[laneOrder[p]!]!);
    if (count === 1) {
      return describe(
        lane === 'events' ? { type: 'event', index: laneOrder[first]! } : { type: 'mark', index: laneOrder[first]! },
      );
    }
    const what = lane === 'events' ? 'timeline events' : CHART_LANE_LABELS[lane].toLowerCase();
    return `${thousands(count)} ${what}, ${wallMinute(at(first), zone)} to ${wallMinute(at(last), zone)}: click to zoom in`;
  }

  const announcement = selected
    ? `${describe(selected)}, ${thousands(positionOf(selected) + 1)} of ${thousands(order.length)}`
    : `No mark selected. ${thousands(order.length)} marks shown; press → for the first in view.`;
  const selectedMark = selected?.type === 'mark' ? chart.marks[selected.index] : undefined;
  const openLabel = !selected
    ? ''
    : selected.type === 'event'
      ? 'Show in the table'
      : selectedMark?.target.kind === 'clock'
        ? 'Open in Clocks'
        : selectedMark?.target.kind === 'demand'
          ? 'Open in Extortion'
          : selectedMark?.target.kind === 'step'
            ? 'Open in Playbooks'
            : 'Open in Evidence';

  const total = chart.events.id.length;
  const helpId = 'timeline-chart-help';
  const chartLabel = `Timeline picture, ${zone}: ${thousands(events.length)} of ${thousands(total)} events and ${thousands(
    marksShown.length,
  )} other marks`;

  return (
    <div className="tl-chart card">
      <div className="tl-chart__toolbar">
        <div className="tl-chart__group" role="group" aria-label="Zoom">
          <button type="button" className="button" onClick={() => zoomBy(0.5)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="button" onClick={() => zoomBy(2)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="button" onClick={() => setView(everything())}>
            Fit all
          </button>
          {PRESET_SPANS.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className="button button--quiet"
              onClick={() => setView(centredOn(selected ? timeOf(selected) : centre, preset.ms))}
              aria-label={`Show ${preset.label}`}
            >
              {preset.label}
            </button>
          ))}
        </div>
        <div className="tl-chart__filter">
          <label htmlFor="timeline-chart-filter">Filter by text</label>
          <input
            id="timeline-chart-filter"
            type="search"
            value={text}
            placeholder="Words in titles and labels"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      </div>
      <fieldset className="tl-chart__legend">
        <legend>Categories</legend>
        {EVENT_CATEGORIES.map((category, i) => (
          <label key={category} className="tl-chart__check">
            <input
              type="checkbox"
              checked={categoryOn[i] ?? true}
              onChange={() => setCategoryOn((on) => on.map((v, j) => (j === i ? !v : v)))}
            />
            <span className="tl-chart__swatch" style={{ background: CATEGORY_COLOURS[category] }} aria-hidden="true" />
            {categoryLabel(category)}
          </label>
        ))}
      </fieldset>
      <fieldset className="tl-chart__legend">
        <legend>Lanes</legend>
        {CHART_LANES.map((lane) => (
          <label key={lane} className="tl-chart__check">
            <input
              type="checkbox"
              checked={laneOn[lane]}
              onChange={() => setLaneOn((on) => ({ ...on, [lane]: !on[lane] }))}
            />
            {CHART_LANE_LABELS[lane]}
            {lane !== 'events' ? (
              <span className="muted"> ({chart.marks.filter((m) => LANE_OF_MARK[m.kind] === lane).length})</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      <p className="muted tl-chart__counts">
        Showing {thousands(events.length)} of {thousands(total)} events
        {OTHER_LANES.some((l) => laneOn[l])
          ? ` and ${thousands(marksShown.length)} of ${thousands(chart.marks.length)} other marks`
          : ''}
        , from {wallMinute(view.start, zone)} to {wallMinute(view.end, zone)}. Times in {zoneNote}.
      </p>
      <FormError message={error} />
      <div
        ref={wrap}
        className="tl-chart__plot"
        role="application"
        aria-roledescription="timeline chart"
        aria-label={chartLabel}
        aria-describedby={helpId}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <canvas
          ref={canvas}
          style={{ width: `${width}px`, height: `${height}px` }}
          aria-hidden="true"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onDoubleClick={() => selected && open(selected)}
        />
        {hover ? (
          <div
            className="tl-chart__tip"
            style={{ left: Math.min(hover.x + 12, Math.max(0, width - 360)), top: hover.y + 14 }}
            aria-hidden="true"
          >
            {hover.text}
          </div>
        ) : null}
      </div>
      <div className="tl-chart__selected">
        <p role="status" aria-live="polite" className="tl-chart__status">
          {announcement}
        </p>
        {selected ? (
          <button type="button" className="button" onClick={() => open(selected)}>
            {openLabel}
          </button>
        ) : null}
      </div>
      <p id={helpId} className="muted tl-chart__help">
        Keys, with the picture focused: ← → move between marks in time order, Home/End the first and last, Enter opens
        the selected one, + and − zoom, Shift+← → pan, 0 fits all. With the pointer: drag to pan, Ctrl+wheel or pinch to
        zoom, click a mark to select it (an event is shown in the table), double-click to open it.
      </p>
      {lanes.length === 0 ? (
        <p className="muted">Every lane is switched off: tick one under Lanes to draw it.</p>
      ) : null}
    </div>
  );
}
