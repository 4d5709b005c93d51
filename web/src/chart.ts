// The KR burn-up chart: check-in values over the KR's window, the pace line from start to target,
// and the least-squares forecast from the last check-in to the window's end; each point carries its
// confidence. uPlot (about 20 KB gzipped, canvas, fast on long histories) draws it; no React here,
// so the MCP App view can draw the same chart.

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { CHART_COLORS } from "./chart-colors";
import { withUnit } from "./format";

export interface BurnUpInput {
  start: number;
  target: number;
  unit: string;
  window: { start: string; end: string };
  forecast: { projectedValue: number };
  checkIns: { date: string; value: number; confidence: number }[];
}
export interface BurnUpLabels {
  checkIns: string;
  pace: string;
  forecast: string;
  confidence: string;
}

const DAY = 86_400;
const seconds = (d: string) => Date.parse(`${d}T00:00:00Z`) / 1000;
const CONFIDENCE_COLOR = ["#b91c1c", "#b91c1c", "#b45309", "#b45309", "#15803d", "#15803d"];

/** The series the chart draws, as uPlot's aligned columns (null where a series has no point). */
export function burnUpData(k: BurnUpInput): { xs: number[]; values: (number | null)[]; pace: (number | null)[]; forecast: (number | null)[]; confidences: (number | null)[] } {
  const start = seconds(k.window.start);
  const end = seconds(k.window.end);
  const inWindow = k.checkIns.filter((c) => seconds(c.date) <= end);
  const last = inWindow.at(-1);
  const points = new Map<number, { value?: number; confidence?: number; pace?: number; forecast?: number }>();
  const at = (x: number) => {
    let p = points.get(x);
    if (!p) points.set(x, (p = {}));
    return p;
  };
  at(start).pace = k.start;
  at(end).pace = k.target;
  for (const c of inWindow) Object.assign(at(seconds(c.date)), { value: c.value, confidence: c.confidence });
  if (last && seconds(last.date) < end) {
    at(seconds(last.date)).forecast = last.value;
    at(end).forecast = k.forecast.projectedValue;
  }
  const xs = [...points.keys()].sort((a, b) => a - b);
  return {
    xs,
    values: xs.map((x) => points.get(x)!.value ?? null),
    pace: xs.map((x) => points.get(x)!.pace ?? null),
    forecast: xs.map((x) => points.get(x)!.forecast ?? null),
    confidences: xs.map((x) => points.get(x)!.confidence ?? null),
  };
}

/** Draws the chart into `el` (emptied first); returns a function that removes it. */
export function drawBurnUp(el: HTMLElement, k: BurnUpInput, labels: BurnUpLabels, width = el.clientWidth || 640): () => void {
  el.replaceChildren();
  const d = burnUpData(k);
  const fmt = (v: number | null) => (v === null ? "–" : withUnit(v, k.unit));
  const plot = new uPlot(
    {
      width: Math.max(280, width),
      height: 300,
      // Series names only: the values under the cursor are on the points themselves.
      legend: { live: false },
      scales: { x: { time: true, range: [seconds(k.window.start) - DAY, seconds(k.window.end) + DAY] } },
      axes: [{}, { values: (_u, splits) => splits.map((v) => fmt(v)), size: 70 }],
      series: [
        {},
        { label: labels.checkIns, stroke: CHART_COLORS.checkIns, width: 2, points: { size: 8, fill: CHART_COLORS.checkIns }, spanGaps: true, value: (_u, v) => fmt(v) },
        { label: labels.pace, stroke: CHART_COLORS.pace, width: 1.5, dash: [6, 4], points: { show: false }, spanGaps: true, value: (_u, v) => fmt(v) },
        { label: labels.forecast, stroke: CHART_COLORS.forecast, width: 2, dash: [2, 4], points: { show: false }, spanGaps: true, value: (_u, v) => fmt(v) },
      ],
      hooks: {
        // Each check-in's confidence, written above its point in a colour from red (1) to green (5).
        draw: [
          (u) => {
            const ctx = u.ctx;
            ctx.save();
            ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.textAlign = "center";
            d.confidences.forEach((c, i) => {
              const v = d.values[i];
              if (c === null || v === null || v === undefined) return;
              const x = u.valToPos(d.xs[i]!, "x", true);
              const y = u.valToPos(v, "y", true);
              ctx.fillStyle = CONFIDENCE_COLOR[c] ?? "#111";
              ctx.fillText(String(c), x, y - 8 * devicePixelRatio);
            });
            ctx.restore();
          },
        ],
      },
    },
    [d.xs, d.values, d.pace, d.forecast],
    el,
  );
  return () => plot.destroy();
}
