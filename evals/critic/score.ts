// Scores the critic's objective-has-metric and objective-is-output rules on a labelled JSONL set:
// precision, recall and the cases it gets wrong. `npm run eval:critic [-- FILE] [--json]`.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { critique } from "../../src/domain/critic.js";
import { projectRoot } from "../../src/paths.js";

export const RULES = ["objective-has-metric", "objective-is-output"] as const;
export type Rule = (typeof RULES)[number];

export interface LabelledObjective {
  id: string;
  lang: string;
  text: string;
  labels: Record<Rule, boolean>;
}

export interface RuleScore {
  rule: Rule;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  misses: { id: string; text: string; expected: boolean }[];
}

export const DEFAULT_DATASET = () => join(projectRoot(), "evals", "critic", "objectives.jsonl");

export function loadDataset(path: string): LabelledObjective[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as LabelledObjective;
      if (!row.text || !row.labels) throw new Error(`${path}:${i + 1}: each line needs "text" and "labels"`);
      return row;
    });
}

export function score(rows: LabelledObjective[]): RuleScore[] {
  return RULES.map((rule) => {
    const s: RuleScore = { rule, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, misses: [] };
    for (const row of rows) {
      // Judged on the title alone, with enough owned, measurable KRs that structure rules stay quiet.
      const fired = critique({
        title: row.text,
        owner: "someone",
        keyResults: [
          { title: "x", start: 0, target: 1 },
          { title: "y", start: 0, target: 1 },
        ],
      }).some((f) => f.rule === rule);
      const expected = row.labels[rule];
      if (fired && expected) s.tp++;
      else if (fired || expected) {
        if (fired) s.fp++;
        else s.fn++;
        s.misses.push({ id: row.id, text: row.text, expected });
      } else s.tn++;
    }
    s.precision = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    s.recall = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    return s;
  });
}

/** The same scores for one language's rows. */
export function scoreByLanguage(rows: LabelledObjective[]): Record<string, RuleScore[]> {
  const out: Record<string, RuleScore[]> = {};
  for (const lang of [...new Set(rows.map((r) => r.lang))].sort()) out[lang] = score(rows.filter((r) => r.lang === lang));
  return out;
}

const fmt = (s: RuleScore) => `P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)}`;

/** One dataset's table: both rules, overall and per language; the missed cases unless blind. */
export function report(file: string, blind: boolean): string {
  const rows = loadDataset(file);
  const scores = score(rows);
  const byLang = scoreByLanguage(rows);
  const langs = Object.keys(byLang);
  const lines = [
    `${file.replace(projectRoot() + "/", "")}: ${rows.length} objectives (${langs.map((l) => `${byLang[l]![0]!.tp + byLang[l]![0]!.fp + byLang[l]![0]!.fn + byLang[l]![0]!.tn} ${l}`).join(", ")})${blind ? ", blind" : ""}`,
  ];
  for (const [i, s] of scores.entries()) {
    lines.push(
      `  ${s.rule.padEnd(22)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})` +
        (langs.length > 1 ? `   ${langs.map((l) => `${l} ${fmt(byLang[l]![i]!)}`).join("   ")}` : ""),
    );
    if (!blind) for (const m of s.misses) lines.push(`     ${m.expected ? "missed" : "false alarm"}  ${m.id}  ${m.text}`);
  }
  return lines.join("\n");
}

// Run as a script: one file's table (or JSON); with no file, every set: the regression set and the
// public set's dev part with their misses, its test part blind (figures only, no case named).
if (process.argv[1] && /score\.(js|ts)$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  const blind = args.includes("--blind");
  if (args.includes("--json")) {
    const rows = loadDataset(file ?? DEFAULT_DATASET());
    const strip = (list: RuleScore[]) => (blind ? list.map((s) => ({ ...s, misses: [] })) : list);
    const byLang = Object.fromEntries(Object.entries(scoreByLanguage(rows)).map(([l, v]) => [l, strip(v)]));
    console.log(JSON.stringify({ dataset: file ?? DEFAULT_DATASET(), cases: rows.length, scores: strip(score(rows)), byLanguage: byLang }, null, 2));
  } else if (file) console.log(report(file, blind));
  else {
    const pub = join(projectRoot(), "evals", "critic", "public");
    console.log(report(DEFAULT_DATASET(), blind));
    console.log(report(join(pub, "dev.jsonl"), blind));
    console.log(report(join(pub, "test.jsonl"), true));
  }
}
