// `okr tree`: objectives and their key results with progress bars and status.

import type { ObjectiveView } from "../../service/views.js";
import type { CommandSpec } from "../command.js";
import { bar, pct, status, truncate, withUnit } from "../format.js";

export function renderTree(views: ObjectiveView[]): string {
  const out: string[] = [];
  for (const o of views) {
    const parent = o.parentRef ? ` ↳ ${o.parentRef}` : "";
    out.push(`${o.ref}  ${o.title}`);
    out.push(
      `    ${o.team} · ${o.owner || "no owner"} · ${o.cycle}${parent} · ${bar(o.progress)} ${pct(o.progress)} (expected ${pct(o.expected)}) · ${status(o.status)}${o.pulledDownBy.length ? ` (held back by ${o.pulledDownBy.join(", ")})` : ""}`,
    );
    for (const k of o.keyResults) {
      const conf = k.confidence === null ? "no check-in" : `conf ${k.confidence}/5`;
      const value = `${withUnit(k.current, k.unit)} → ${withUnit(k.target, k.unit)}`;
      out.push(
        `    ${k.ref.padEnd(7)} ${bar(k.progress)} ${pct(k.progress).padStart(4)}  ${status(k.status)}  ${truncate(k.title, 60)}  [${value}, ${conf}${k.stale ? ", stale" : ""}]`,
      );
    }
    if (o.keyResults.length === 0) out.push("    (no key results yet)");
    out.push("");
  }
  return out.join("\n").trimEnd();
}

export const treeCommand: CommandSpec = {
  name: "tree",
  summary: "Show objectives and their key results with progress bars and status.",
  usage: "okr tree [--team T] [--as-of YYYY-MM-DD] [--json]",
  options: { team: { type: "string", description: "only this team's objectives", placeholder: "T" } },
  examples: ["okr tree", "okr tree --team Engineering", "okr tree --json"],
  async run(ctx, { values }) {
    const svc = await ctx.service();
    const views = await svc.tree(ctx.config.asOf, values.team as string | undefined);
    if (ctx.json) return ctx.out(JSON.stringify(views, null, 2));
    if (views.length === 0) return ctx.out("No objectives yet. Run `okr import DIR` or `okr demo`.");
    ctx.out(`OKRs as of ${ctx.config.asOf}\n`);
    ctx.out(renderTree(views));
  },
};
