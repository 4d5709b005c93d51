// `okr critique "TEXT"` and `okr review`: the OKR critic from the command line.

import { OkrError } from "../../domain/errors.js";
import type { Finding } from "../../domain/critic.js";
import type { Rewrite } from "../../domain/critic-rewrite.js";
import { count } from "../../domain/wording.js";
import type { CommandSpec } from "../command.js";

export function renderFindings(findings: Finding[], rewrite: Rewrite | null, indent = ""): string {
  if (findings.length === 0) return `${indent}No problems found.`;
  const lines = findings.map((f) => `${indent}${f.severity.toUpperCase().padEnd(7)} ${f.rule}: ${f.message}${f.suggestion ? `\n${indent}        → ${f.suggestion}` : ""}`);
  if (rewrite) {
    lines.push(`${indent}${rewrite.candidates.length > 1 ? "Rewrites, best first:" : "Rewrite:"}`);
    rewrite.candidates.forEach((c, i) => lines.push(`${indent}  ${rewrite.candidates.length > 1 ? `${i + 1}. ` : ""}${c}`));
    for (const k of rewrite.keyResults) {
      const unit = k.unit === "%" ? "%" : k.unit ? ` ${k.unit}` : "";
      const numbers =
        k.kind === "milestone"
          ? " (milestone)"
          : k.start === null
            ? ` (start${k.target === null ? " and target" : ""}: fill in${k.target === null ? "" : `; target ${k.target}${unit}`})`
            : ` (from ${k.start} to ${k.target}${unit})`;
      lines.push(`${indent}  KR: ${k.title}${numbers}`);
    }
  }
  return lines.join("\n");
}

export const critiqueCommand: CommandSpec = {
  name: "critique",
  summary: "Check a draft objective (and its key results) the way an OKR coach would; saves nothing.",
  usage: 'okr critique "OBJECTIVE" [--kr "KEY RESULT" …] [--owner NAME] [--team T] [--json]',
  description:
    'Each --kr is a key result; "from X to Y" in it gives its start and target. --json prints {"findings": [...], "rewrite": {...}|null}.\n' +
    "An objective carrying a metric or naming an output gets up to three rewrites, best first, built from its own words, with the\n" +
    "metric or the deliverable moved into key results. Findings are in the objective's language (English or Vietnamese).\n" +
    "Rules: objective-has-metric, objective-is-output, objective-too-long, objective-vague, kr-count, kr-not-measurable,\n" +
    "kr-is-activity, krs-all-milestones, missing-owner, too-many-objectives. English and Vietnamese.",
  options: {
    kr: { type: "string", description: "a key result of the draft (repeat for several)", placeholder: "TEXT", multiple: true },
    owner: { type: "string", description: "who would own the objective", placeholder: "NAME" },
    team: { type: "string", description: "its team (to count the team's objectives)", placeholder: "T" },
    model: { type: "string", short: "m", description: "an LLM to word the rewrite (rules still judge it)", placeholder: "M" },
  },
  // Checks a draft: the workspace only adds the team's objective count, so none is needed.
  workspace: "optional",
  examples: [
    'okr critique "Increase conversion by 2% by optimizing the landing page"',
    'okr critique "Delight new users" --kr "Raise activation from 40% to 55%" --kr "Publish 3 guides" --owner Minh',
  ],
  async run(ctx, { values, positionals }) {
    const title = positionals.join(" ").trim();
    if (!title) throw new OkrError("invalid_input", 'Give the draft objective: okr critique "Delight our enterprise customers" (see okr critique --help).');
    const { fromTo } = await import("../../agent/local/parse.js");
    const krs = ((values.kr as string[] | undefined) ?? []).map((text) => {
      const range = fromTo(text);
      return {
        title: text,
        start: range?.start ?? null,
        target: range?.target ?? null,
        ...(/^\s*(launch|ship|release|go live|ra mắt)\b/i.test(text) && !range ? { kind: "milestone" as const } : {}),
      };
    });
    const team = values.team as string | undefined;
    const r = await (await ctx.service()).critique({ title, owner: values.owner as string | undefined, team, keyResults: krs }, ctx.config.asOf);
    // With an LLM configured, ask it for better wording; the rules decide whether to keep it.
    let note = "";
    if (r.rewrite && ctx.config.model !== "local") {
      const [{ resolveModel }, { llmRewrite }] = await Promise.all([import("../../agent/models.js"), import("../../agent/llm-rewrite.js")]);
      const outcome = await llmRewrite(resolveModel(ctx.config.model, { apiKey: ctx.config.openaiApiKey, baseUrl: ctx.config.openaiBaseUrl }), title, r.rewrite);
      r.rewrite = outcome.rewrite;
      note = outcome.source === "llm" ? `(rewrite worded by ${ctx.config.model}, checked by the rules)` : `(kept the rules' rewrite: ${outcome.rejected})`;
    }
    if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
    ctx.out(renderFindings(r.findings, r.rewrite));
    if (note) ctx.out(note);
  },
};

export const reviewCommand: CommandSpec = {
  name: "review",
  summary: "Run the critic over every objective of the current cycle (or one team's).",
  usage: "okr review [--team T] [--as-of YYYY-MM-DD] [--json]",
  options: { team: { type: "string", description: "only this team's objectives", placeholder: "T" } },
  examples: ["okr review", "okr review --team Product --json"],
  async run(ctx, { values }) {
    const rows = await (await ctx.service()).review(ctx.config.asOf, values.team as string | undefined);
    if (ctx.json) return ctx.out(JSON.stringify(rows, null, 2));
    if (rows.length === 0) return ctx.out("No objectives in the current cycle.");
    const flagged = rows.filter((r) => r.findings.length).length;
    ctx.out(`${count(rows.length, "objective")} reviewed, ${flagged} with findings.\n`);
    for (const r of rows) ctx.out(`${r.ref}  ${r.title} (${r.team})\n${renderFindings(r.findings, r.rewrite, "    ")}\n`);
  },
};
