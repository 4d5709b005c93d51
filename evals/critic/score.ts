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

// Run as a script: print the table (or JSON).
if (process.argv[1] && /score\.(js|ts)$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--")) ?? DEFAULT_DATASET();
  const rows = loadDataset(file);
  const scores = score(rows);
  if (args.includes("--json")) console.log(JSON.stringify({ dataset: file, cases: rows.length, scores }, null, 2));
  else {
    console.log(`critic eval: ${rows.length} objectives from ${file}\n`);
    for (const s of scores) {
      console.log(`${s.rule.padEnd(22)} precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}, tn ${s.tn})`);
      for (const m of s.misses) console.log(`   ${m.expected ? "missed" : "false alarm"}  ${m.id}  ${m.text}`);
    }
  }
}
