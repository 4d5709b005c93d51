// The critic eval (evals/critic/objectives.jsonl, labelled independently of the rules): CI fails
// below precision 0.95 / recall 0.90 for objective-has-metric and objective-is-output.

import { describe, expect, it } from "vitest";
import { DEFAULT_DATASET, loadDataset, PUBLIC_PARTS, publicPart, rewriteStats, score, type LabelledObjective } from "../../evals/critic/score.js";

describe("critic eval", () => {
  it("has at least 80 labelled objectives, English and Vietnamese, about half with metrics", () => {
    const rows = loadDataset(DEFAULT_DATASET());
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(["en", "vi"]));
    const metrics = rows.filter((r) => r.labels["objective-has-metric"]).length / rows.length;
    expect(metrics).toBeGreaterThan(0.4);
    expect(metrics).toBeLessThan(0.6);
  });
  it("meets precision 0.95 and recall 0.90 on both rules", () => {
    for (const s of score(loadDataset(DEFAULT_DATASET()))) {
      const misses = s.misses.map((m) => `${m.id} ${m.text}`).join("\n");
      expect(s.precision, `${s.rule} precision\n${misses}`).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, `${s.rule} recall\n${misses}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe("public critic set (issue 12)", () => {
  const parts = PUBLIC_PARTS.map(publicPart);
  it("has at least 200 real objectives, 60 of them Vietnamese, each with its source and unique", () => {
    const rows = parts.flatMap((f) => loadDataset(f) as (LabelledObjective & { source?: string })[]);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.filter((r) => r.lang === "vi").length).toBeGreaterThanOrEqual(60);
    expect(rows.filter((r) => !/^https?:\/\//.test(r.source ?? ""))).toEqual([]);
    expect(new Set(rows.map((r) => r.text.trim().toLowerCase())).size).toBe(rows.length);
  });
  it("gives most flagged objectives a rewrite, and every candidate passes the rules and keeps a word of its objective", () => {
    const s = rewriteStats(parts);
    expect(s.flagged).toBeGreaterThan(80);
    // None rather than a pasted command ("Get real value from Educate residents …"): most, not all.
    expect(s.withRewrite / s.flagged).toBeGreaterThan(0.6); // 212 of 333 today
    expect(s.passing).toBe(s.candidates);
    expect(s.sharing / s.candidates).toBeGreaterThan(0.95); // a floor: "Give the team the people it needs" keeps a hire's subject in other words
  });
});
