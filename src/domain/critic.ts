// The OKR critic (DESIGN.md "OKR quality rules"): language rules (critic-language.ts: a metric in
// the objective, an output instead of an outcome, a vague objective, an activity KR; English and
// Vietnamese) and structural ones (counts, measurability, ownership, length), plus a rewrite.

import { findActivity, findMetric, findOutput, findVague } from "./critic-language.js";
import { rewriteObjective, type Rewrite } from "./critic-rewrite.js";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  /** Where in the objective title (or the KR, when `keyResult` is set) the problem is. */
  span?: { start: number; end: number; text: string };
  /** 0-based index of the key result the finding is about. */
  keyResult?: number;
  suggestion?: string;
}

export interface DraftKeyResult {
  title: string;
  kind?: "metric" | "milestone";
  start?: number | null;
  target?: number | null;
  owner?: string;
}

export interface DraftObjective {
  title: string;
  owner?: string;
  keyResults: DraftKeyResult[];
  /** How many other objectives the same team already has in the cycle (for too-many-objectives). */
  siblingObjectives?: number;
}

export const MAX_OBJECTIVE_WORDS = 18;

export function critique(draft: DraftObjective): Finding[] {
  const findings: Finding[] = [];
  const title = draft.title;
  const metric = findMetric(title);
  if (metric) {
    const rewrite = rewriteObjective(title);
    findings.push({
      rule: "objective-has-metric",
      severity: "error",
      span: metric,
      message: `The objective contains a metric ("${metric.text}"): objectives say what you want to achieve; numbers belong in key results.`,
      suggestion: rewrite
        ? `Try "${rewrite.objective}" with the key result "${rewrite.keyResults[0]!.title}".`
        : "Move the number into a key result and keep the objective qualitative.",
    });
  }
  const output = findOutput(title);
  if (output)
    findings.push({
      rule: "objective-is-output",
      severity: "warning",
      span: output,
      message: `"${output.text}" names work to do, not the outcome it should cause.`,
      suggestion: "Say what will be different for customers or the business when it is done; make the deliverable an initiative or a milestone key result.",
    });
  const vague = metric ? null : findVague(title);
  if (vague)
    findings.push({
      rule: "objective-vague",
      severity: "warning",
      span: vague,
      message: `"${title.trim()}" is too vague to rally anyone: improve what, for whom, and why now?`,
      suggestion: 'Name the outcome and who benefits, e.g. "Make the first week with us effortless for new teams".',
    });
  draft.keyResults.forEach((k, i) => {
    const activity = findActivity(k.title);
    if (activity)
      findings.push({
        rule: "kr-is-activity",
        severity: "warning",
        keyResult: i,
        span: activity,
        message: `Key result ${i + 1} ("${k.title}") counts an activity ("${activity.text}"), not a result.`,
        suggestion: "Measure what the activity should change (e.g. conversion, retention, satisfaction) and keep the activity as a task.",
      });
  });
  const words = title.trim().split(/\s+/).filter(Boolean);
  if (words.length > MAX_OBJECTIVE_WORDS)
    findings.push({
      rule: "objective-too-long",
      severity: "warning",
      message: `The objective has ${words.length} words; keep it under ${MAX_OBJECTIVE_WORDS} so people remember it.`,
      suggestion: "Keep the outcome in the objective and move detail into the key results or the description.",
    });
  const n = draft.keyResults.length;
  if (n < 2 || n > 5)
    findings.push({
      rule: "kr-count",
      severity: n === 0 ? "error" : "warning",
      message:
        n === 0 ? "The objective has no key results: nothing says how you will know it is achieved." : `The objective has ${n} key result${n === 1 ? "" : "s"}; 2 to 5 work best.`,
      suggestion: n < 2 ? "Add measurable key results that together prove the objective." : "Keep the 3–5 that matter most; move the rest to a team backlog.",
    });
  if (!draft.owner?.trim())
    findings.push({ rule: "missing-owner", severity: "warning", message: "The objective has no owner.", suggestion: "Name one person who is accountable for it." });
  draft.keyResults.forEach((k, i) => {
    const kind = k.kind ?? "metric";
    if (kind === "metric") {
      if (k.start === undefined || k.start === null || k.target === undefined || k.target === null)
        findings.push({
          rule: "kr-not-measurable",
          severity: "error",
          keyResult: i,
          message: `Key result ${i + 1} ("${k.title}") has no ${k.target == null ? "target" : "start"} value.`,
          suggestion: "Give a start (baseline) and a target, e.g. from 45% to 60%.",
        });
      else if (k.start === k.target)
        findings.push({
          rule: "kr-not-measurable",
          severity: "error",
          keyResult: i,
          message: `Key result ${i + 1} ("${k.title}") starts at its target (${k.start}): there is nothing to move.`,
          suggestion: "Set a target that differs from the start, or make it a stay-above/below key result.",
        });
    }
    if (k.owner !== undefined && !k.owner.trim())
      findings.push({
        rule: "missing-owner",
        severity: "info",
        keyResult: i,
        message: `Key result ${i + 1} ("${k.title}") has no owner.`,
        suggestion: "Give each key result one owner who checks in weekly.",
      });
  });
  if (n > 0 && draft.keyResults.every((k) => (k.kind ?? "metric") === "milestone"))
    findings.push({
      rule: "krs-all-milestones",
      severity: "warning",
      message: "Every key result is a milestone (done / not done): progress cannot be seen until the end.",
      suggestion: "Turn at least one into a metric that moves weekly.",
    });
  if ((draft.siblingObjectives ?? 0) + 1 > 4)
    findings.push({
      rule: "too-many-objectives",
      severity: "warning",
      message: `The team would have ${(draft.siblingObjectives ?? 0) + 1} objectives this cycle; more than 4 dilutes focus.`,
      suggestion: "Merge related objectives or drop the least important.",
    });
  return findings;
}

/** The findings and, for an objective carrying a metric, a rewrite that passes the metric rule. */
export function critiqueWithRewrite(draft: DraftObjective): { findings: Finding[]; rewrite: Rewrite | null } {
  return { findings: critique(draft), rewrite: rewriteObjective(draft.title) };
}
