// The naive baseline the benchmark compares against: every query loads all check-ins from the store
// (store.load(): the snapshot cache when it is current, else a scan) and recomputes every KR, as a
// straightforward implementation without an in-memory index would.

import { parseDay } from "../domain/dates.js";
import { compareLagging } from "../domain/lagging.js";
import { evaluate, type History, type KrMetrics } from "../domain/metrics.js";
import type { OkrStore } from "../store/store.js";
import { krSpec } from "../service/workspace.js";

export async function naiveLagging(store: OkrStore, asOf: string, limit: number, team?: string): Promise<string[]> {
  const s = await store.load();
  const day = parseDay(asOf);
  const objectives = new Map(s.objectives.map((o) => [o.id, o]));
  const cycles = new Map(s.cycles.map((c) => [c.id, c]));
  // Group the scanned check-ins by KR (scan order is write order, which sorts by day within a KR here).
  const groups = new Map<string, { days: number[]; values: number[]; confidences: number[] }>();
  const { krIds, days, values, confidences } = s.checkIns;
  for (let i = 0; i < krIds.length; i++) {
    let g = groups.get(krIds[i]!);
    if (!g) groups.set(krIds[i]!, (g = { days: [], values: [], confidences: [] }));
    g.days.push(days[i]!);
    g.values.push(values[i]!);
    g.confidences.push(confidences[i]!);
  }
  const rows: { ref: string; metrics: KrMetrics }[] = [];
  for (const kr of s.keyResults) {
    const o = objectives.get(kr.objectiveId)!;
    if (team && o.team !== team) continue;
    const c = cycles.get(o.cycleId)!;
    const g = groups.get(kr.id) ?? { days: [], values: [], confidences: [] };
    const h: History = { ...g, length: g.days.length };
    const metrics = evaluate(krSpec(kr), { startDay: parseDay(c.start), endDay: parseDay(c.end) }, h, day);
    if (metrics.status !== "completed") rows.push({ ref: kr.ref, metrics });
  }
  return rows
    .sort(compareLagging)
    .slice(0, limit)
    .map((r) => r.ref);
}
