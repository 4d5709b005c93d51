// MCP App view for get_key_result: the KR's numbers and its burn-up chart, drawn from the tool
// result the host passes in (structuredContent), the same chart as the web workspace's KR page.

import { drawBurnUp, type BurnUpInput } from "../chart";
import type { Status } from "../i18n";
import { pct } from "../format";
import { badge, bar, esc, showText, startView } from "./common";

interface Kr extends BurnUpInput {
  ref: string;
  title: string;
  owner: string;
  current: number;
  progress: number;
  expected: number;
  status: Status;
  confidence: number | null;
  reason: string;
}

const root = document.getElementById("root")!;
void startView("OKR key result", (result, t) => {
  const k = result.structuredContent as Kr | undefined;
  if (result.isError || !k?.window || !Array.isArray(k.checkIns)) return showText(root, result);
  root.innerHTML = `<h1><span class="ref">${esc(k.ref)}</span> ${esc(k.title)}</h1>
<p class="row">${bar(k.progress, k.expected, `${k.ref} ${t.progress}`)} <b>${pct(k.progress)}</b> ${badge(t, k.status)} <span class="muted">${esc(t.expected)} ${pct(k.expected)} · ${esc(t.confidence)} ${k.confidence ?? "–"}/5 · ${esc(k.owner)}</span></p>
<p class="muted">${esc(k.reason)}</p>
<figure class="chart" role="img" aria-label="${esc(t.chartLabel(k.checkIns.length, k.window.start, k.window.end))}"><div id="chart" data-points="${k.checkIns.length}"></div></figure>`;
  drawBurnUp(
    document.getElementById("chart")!,
    k,
    { checkIns: t.chartCheckIns, pace: t.chartPace, forecast: t.chartForecast, confidence: t.confidence },
    Math.min(root.clientWidth || 600, 720),
  );
});
