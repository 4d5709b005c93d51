// `okr lagging`: key results most behind pace first.

import type { LaggingRow } from "../../service/views.js";
import { wholeNumber } from "../args.js";
import type { CommandSpec } from "../command.js";
import { pct, pts, status, table, truncate, withUnit } from "../format.js";

export function laggingTable(rows: LaggingRow[]): string {
  return table(
    ["#", "KR", "Title", "Team", ">Progress", ">Expected", ">Gap", "Status", ">Conf", ">Week", "Last check-in"],
    rows.map((r, i) => [
      String(i + 1),
      r.ref,
      truncate(r.title, 44),
      r.team,
      pct(r.progress),
      pct(r.expected),
      pts(r.gap),
      status(r.status),
      r.confidence === null ? "-" : `${r.confidence}/5`,
      pts(r.weeklyDelta),
      (r.lastCheckIn ?? "never") + (r.stale ? " (stale)" : ""),
    ]),
  );
}

export const laggingCommand: CommandSpec = {
  name: "lagging",
  summary: "List the key results most behind pace, worst first (completed KRs are left out).",
  usage: "okr lagging [--team T] [--owner NAME] [--limit N] [--as-of YYYY-MM-DD] [--json]",
  description:
    "Gap = expected progress (share of the cycle elapsed) minus progress. Ties go to lower confidence,\nthen to the older last check-in. Week = change in progress over the last 7 days.",
  options: {
    team: { type: "string", description: "only this team's key results", placeholder: "T" },
    owner: { type: "string", description: "only key results owned by this person", placeholder: "NAME" },
    limit: { type: "string", description: "show at most N (default: all)", placeholder: "N" },
  },
  examples: ["okr lagging --limit 5", "okr lagging --team Sales --as-of 2026-11-26", "okr lagging --json | jq '.[0].ref'"],
  async run(ctx, { values }) {
    const limit = wholeNumber(values.limit as string | undefined, "--limit", { min: 1, example: 5 });
    const rows = await (await ctx.service()).lagging(ctx.config.asOf, { team: values.team as string | undefined, owner: values.owner as string | undefined, limit });
    if (ctx.json) return ctx.out(JSON.stringify(rows, null, 2));
    if (rows.length === 0) return ctx.out(`Nothing is lagging as of ${ctx.config.asOf}: every matching key result is completed (or there are none).`);
    ctx.out(`Key results most behind pace as of ${ctx.config.asOf}\n`);
    ctx.out(laggingTable(rows));
    const worst = rows[0]!;
    ctx.out(`\nMost behind: ${worst.ref} ${worst.title} — ${worst.reason}. Current ${withUnit(worst.current, worst.unit)}, target ${withUnit(worst.target, worst.unit)}.`);
  },
};
