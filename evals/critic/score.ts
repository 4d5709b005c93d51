// Scores the critic's objective-has-metric and objective-is-output rules on a labelled JSONL set:
// precision, recall and the cases it gets wrong. `npm run eval:critic [-- FILE] [--json]`.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { critique, critiqueWithRewrite } from "../../src/domain/critic.js";
import { judgeObjective, rewriteObjective } from "../../src/domain/critic-rewrite.js";
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

/** The public set's parts: dev is read and learned from; the others are run blind. */
export const PUBLIC_PARTS = ["dev", "test", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8"] as const;
export const publicPart = (part: string) => join(projectRoot(), "evals", "critic", "public", `${part}.jsonl`);

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

const STOP = new Set([
  "with",
  "from",
  "that",
  "this",
  "your",
  "their",
  "more",
  "into",
  "have",
  "make",
  "real",
  "value",
  "every",
  "growing",
  "quarter",
  "after",
  "keep",
  "way",
  "lasts",
  "một",
  "cách",
  "những",
  "các",
  "cho",
  "của",
  "với",
]);
const contentWords = (t: string) => new Set((t.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)));

/** The rewrites of every objective a rule flags, checked by machine: each passes the rules, and each
 *  shares a content word with the objective (a floor for "keeps the subject", not a judgement). */
export function rewriteStats(files: string[]): { flagged: number; withRewrite: number; candidates: number; passing: number; sharing: number } {
  let flagged = 0,
    withRewrite = 0,
    candidates = 0,
    passing = 0,
    sharing = 0;
  for (const file of files)
    for (const row of loadDataset(file)) {
      // One pass: the findings and the rewrite they suggest.
      const { findings, rewrite: r } = critiqueWithRewrite({ title: row.text, owner: "x", keyResults: [] });
      const fired = findings.some((f) => f.rule === "objective-has-metric" || f.rule === "objective-is-output");
      if (!fired) continue;
      flagged++;
      if (!r) continue;
      withRewrite++;
      const words = contentWords(row.text);
      for (const c of r.candidates) {
        candidates++;
        if (!judgeObjective(c)) passing++;
        if ([...contentWords(c)].some((w) => words.has(w))) sharing++;
      }
    }
  return { flagged, withRewrite, candidates, passing, sharing };
}

export function rewriteReport(files: string[]): string {
  const { flagged, withRewrite, candidates, passing, sharing } = rewriteStats(files);
  return `rewrites: ${withRewrite} of ${flagged} flagged public objectives get one; ${candidates} candidates, ${passing} pass the rules, ${sharing} share a content word with their objective`;
}

interface Judged {
  id: string;
  objective: string;
  rewrite: string;
  verdict: "good" | "acceptable" | "bad";
  keeps_subject: boolean;
}

/** The blind judge's verdicts on 40 rewrites (rewrite-judgments.jsonl), and how many of those rewrites
 *  the rules would now word differently (a judgement of an older wording). */
export function judgedReport(file: string): string {
  const all = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Judged & { round: number });
  return [...new Set(all.map((r) => r.round))]
    .sort()
    .map((round) => {
      const rows = all.filter((r) => r.round === round);
      const n = (v: string) => rows.filter((r) => r.verdict === v).length;
      const changed = rows.filter((r) => rewriteObjective(r.objective)?.objective !== r.rewrite).length;
      return `judged rewrites, round ${round} (blind coach, ${rows.length}): good ${n("good")}, acceptable ${n("acceptable")}, bad ${n("bad")} (${Math.round((100 * (n("good") + n("acceptable"))) / rows.length)}% good or acceptable); lost the subject ${rows.filter((r) => !r.keeps_subject).length}; reworded since: ${changed}`;
    })
    .join("\n");
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
    for (const part of PUBLIC_PARTS) console.log(report(publicPart(part), part !== "dev" || blind));
    console.log(rewriteReport(PUBLIC_PARTS.map(publicPart)));
    const judged = join(pub, "rewrite-judgments.jsonl");
    if (existsSync(judged)) console.log(judgedReport(judged));
  }
}
