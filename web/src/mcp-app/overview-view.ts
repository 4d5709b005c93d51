// MCP App view for list_okrs and query_lagging_key_results: objectives with their KRs, or the KRs
// most behind pace, each with progress against pace and status, from the tool result.

import type { Status } from "../i18n";
import { pct } from "../format";
import { badge, bar, esc, showText, startView } from "./common";

interface KrRow {
  ref: string;
  title: string;
  owner: string;
  progress: number;
  expected: number;
  gap: number;
  status: Status;
  confidence: number | null;
  stale: boolean;
  reason?: string;
}
interface ObjectiveRow {
  ref: string;
  title: string;
  team: string;
  progress: number;
  expected: number;
  status: Status | null;
  keyResults: KrRow[];
}

const root = document.getElementById("root")!;
void startView("OKR overview", (result, t) => {
  const data = result.structuredContent as { asOf?: string; objectives?: ObjectiveRow[]; keyResults?: KrRow[] } | undefined;
  if (result.isError || !data || (!data.objectives && !data.keyResults)) return showText(root, result);
  const kr = (k: KrRow) =>
    `<li class="kr" data-ref="${esc(k.ref)}"><span class="ref">${esc(k.ref)}</span> ${esc(k.title)}<div class="row">${bar(k.progress, k.expected, `${k.ref} ${t.progress}`)} ${pct(k.progress)} ${badge(t, k.status)}${k.confidence !== null ? ` <span class="muted">${k.confidence}/5</span>` : ""}${k.stale ? ` <span class="badge flag">${esc(t.stale)}</span>` : ""}</div>${k.reason ? `<div class="muted small">${esc(k.reason)}</div>` : ""}</li>`;
  if (data.keyResults) {
    root.innerHTML = `<h1>${esc(t.mostBehind)}</h1><p class="muted">${esc(t.asOf)} ${esc(data.asOf ?? "")}</p><ol class="krs">${data.keyResults.map(kr).join("")}</ol>`;
    return;
  }
  root.innerHTML = `<p class="muted">${esc(t.asOf)} ${esc(data.asOf ?? "")} · ${esc(t.objectives(data.objectives!.length))}</p>${data
    .objectives!.map(
      (o) =>
        `<section class="objective" data-ref="${esc(o.ref)}"><h2><span class="ref">${esc(o.ref)}</span> ${esc(o.title)} <span class="muted small">${esc(o.team)}</span></h2><div class="row">${bar(o.progress, o.expected, `${o.ref} ${t.progress}`)} ${pct(o.progress)} ${badge(t, o.status)}</div><ul class="krs">${o.keyResults.map(kr).join("")}</ul></section>`,
    )
    .join("")}`;
});
