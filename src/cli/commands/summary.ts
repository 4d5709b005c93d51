// `okr summary` (the weekly leadership summary, grounded) and `okr remind` (who has not checked in).

import { OkrError } from "../../domain/errors.js";
import { count } from "../../domain/wording.js";
import type { Lang } from "../../service/weekly.js";
import type { CommandSpec } from "../command.js";

const FORMATS = ["md", "slack", "html", "json"] as const;

function lang(v: unknown): Lang {
  if (v === undefined || v === "en" || v === "vi") return (v as Lang | undefined) ?? "en";
  throw new OkrError("invalid_input", `--lang must be en or vi, not "${v}"`);
}

export const summaryCommand: CommandSpec = {
  name: "summary",
  summary: "Write the week's leadership summary; every number in it is checked against stored data.",
  usage: "okr summary [--team T] [--as-of D] [--format md|slack|html|json] [--lang en|vi] [--model M] [--post-to URL]",
  description:
    "The week ends on the as-of date. The template writes by default; with --model an LLM writes from the facts,\n" +
    "and its summary is used only if every number, date, ref and quote is found in the facts (one retry, then\n" +
    "the template). --post-to sends the Slack-formatted summary to an incoming webhook.",
  options: {
    team: { type: "string", description: "one team instead of the whole workspace", placeholder: "T" },
    format: { type: "string", short: "f", description: "md (default), slack, html or json", placeholder: "FMT" },
    lang: { type: "string", description: "en (default) or vi", placeholder: "L" },
    model: { type: "string", short: "m", description: "an LLM to write it (default: the template)", placeholder: "M" },
    "post-to": { type: "string", description: "a Slack-style incoming webhook URL", placeholder: "URL" },
  },
  examples: [
    "okr summary --as-of 2026-11-26",
    "okr summary --team Product --format slack",
    "okr summary --lang vi --format json",
    "okr summary --post-to https://hooks.slack.com/services/…",
  ],
  async run(ctx, { values }) {
    const format = (values.format as string | undefined) ?? (ctx.json ? "json" : "md");
    if (!FORMATS.includes(format as never)) throw new OkrError("invalid_input", `--format must be one of ${FORMATS.join(", ")}, not "${format}"`);
    const l = lang(values.lang);
    const svc = await ctx.service();
    const w = await svc.weeklySummary(ctx.config.asOf, values.team as string | undefined, l);
    const { writeSummary } = await import("../../agent/summary-writer.js");
    let model = null;
    const spec = (values.model as string | undefined) ?? (ctx.config.model !== "local" ? ctx.config.model : undefined);
    if (spec && spec !== "local") {
      const { resolveModel } = await import("../../agent/models.js");
      model = resolveModel(spec, { apiKey: ctx.config.openaiApiKey, baseUrl: ctx.config.openaiBaseUrl });
    }
    const [{ postWebhook }, { toHtml, toSlack }] = await Promise.all([import("../../io/webhook.js"), import("../../service/summary.js")]);
    const written = await writeSummary({ facts: w.facts, template: w.summary, lang: l, context: w.groundingContext, model });
    if (values["post-to"]) {
      const { attempts } = await postWebhook(values["post-to"] as string, toSlack(written.markdown));
      ctx.err(`Posted to ${new URL(values["post-to"] as string).host}${attempts > 1 ? ` (after ${count(attempts, "attempt")})` : ""}.`);
    }
    if (format === "json")
      return ctx.out(JSON.stringify({ markdown: written.markdown, facts: w.facts, grounded: written.grounded, claims: written.claims, writer: written.writer }, null, 2));
    ctx.out(format === "slack" ? toSlack(written.markdown) : format === "html" ? toHtml(written.markdown, w.facts) : written.markdown);
    if (written.writer.startsWith("template (fallback")) ctx.err(`Note: ${written.writer}`);
    if (!written.grounded) ctx.err("Warning: the grounding check found claims that are not in the facts (see --format json).");
  },
};

export const remindCommand: CommandSpec = {
  name: "remind",
  summary: "List owners whose key results have no check-in this week, grouped by owner, ready to post.",
  usage: "okr remind [--team T] [--as-of D] [--post-to URL] [--json]",
  options: {
    team: { type: "string", description: "one team only", placeholder: "T" },
    "post-to": { type: "string", description: "a Slack-style incoming webhook URL", placeholder: "URL" },
  },
  examples: ["okr remind --as-of 2026-11-26", "okr remind --post-to https://hooks.slack.com/services/…"],
  async run(ctx, { values }) {
    const r = await (await ctx.service()).reminders(ctx.config.asOf, values.team as string | undefined);
    if (ctx.json) return ctx.out(JSON.stringify({ asOf: ctx.config.asOf, ...r }, null, 2));
    const lines = r.owners.length
      ? [
          `No check-in this week (${r.weekStart} to ${ctx.config.asOf}):`,
          ...r.owners.map((o) => `• ${o.owner}: ${o.keyResults.map((k) => `${k.ref} ${k.title} (last ${k.lastCheckIn ?? "never"})`).join("; ")}`),
        ]
      : [`Everyone has checked in this week (${r.weekStart} to ${ctx.config.asOf}).`];
    const text = lines.join("\n");
    if (values["post-to"]) {
      const { postWebhook } = await import("../../io/webhook.js");
      await postWebhook(values["post-to"] as string, text);
      ctx.err(`Posted to ${new URL(values["post-to"] as string).host}.`);
    }
    ctx.out(text);
  },
};
