// `okr kr REF`: one key result with its check-in history and forecast.

import { OkrError } from "../../domain/errors.js";
import type { Forecast } from "../../domain/forecast.js";
import { count } from "../../domain/wording.js";
import type { CommandSpec } from "../command.js";
import { bar, num, pct, pts, status, table, withUnit } from "../format.js";
import { KR_WRITE_OPTIONS, addKr, setKr } from "./kr-write.js";

/** What the forecast rests on, in numbers that agree with the check-in table below it: the fit
 *  counts (cycle start, start value) as one of its points, which is not a check-in. */
export function forecastBasis(f: Pick<Forecast, "method" | "points">): string {
  if (f.method === "current") return "the current value: a milestone or threshold has no trend";
  const checkIns = count(f.points - 1, "check-in");
  if (f.method === "least_squares") return `least squares over ${checkIns} and the start value`;
  return f.points > 1 ? `straight line from the start value through ${checkIns}` : "no check-in yet: the start value";
}

export const krCommand: CommandSpec = {
  name: "kr",
  summary: "Show one key result (numbers, forecast, history), or add one (kr add) or change one (kr set).",
  usage:
    "okr kr REF|NAME [--as-of YYYY-MM-DD] [--json]\n       okr kr add OBJECTIVE TITLE --target N [--start N] [--unit U] [--owner NAME] [--start-date D] [--due D]\n       okr kr set REF [--target N] [--title TEXT] [--owner NAME] [--start-date D|cycle] [--due D|none]",
  description:
    'REF is a short ref (KR2.1), an id, or a unique part of the title ("retention"); OBJECTIVE likewise (O2).\n' +
    "kr add: a new KR gets the next free ref; its pace counts from today (or from --start-date).\n" +
    "kr set: a new revision of the KR (the earlier one stays in history); check-ins are not touched.",
  options: KR_WRITE_OPTIONS,
  examples: [
    "okr kr KR1.3",
    'okr kr "retention"',
    "okr kr KR2.1 --as-of 2026-11-01 --json",
    'okr kr add O2 "Raise activation from 40% to 55%" --start 40 --target 55 --unit % --owner "Bao Le"',
    "okr kr set KR9.2 --target 60",
    'okr kr set KR4.3 --title "Increase unit test coverage from 35% to 50%"',
  ],
  async run(ctx, args) {
    const { positionals } = args;
    if (positionals[0] === "add") return addKr(ctx, { ...args, positionals: positionals.slice(1) });
    if (positionals[0] === "set") return setKr(ctx, { ...args, positionals: positionals.slice(1) });
    const used = Object.keys(KR_WRITE_OPTIONS).filter((f) => args.values[f] !== undefined);
    if (used.length) throw new OkrError("invalid_input", `--${used[0]} changes a key result: use okr kr set REF --${used[0]} … (or okr kr add).`);
    const query = positionals.join(" ").trim();
    if (!query) throw new OkrError("invalid_input", "Say which key result: okr kr KR2.1 (or part of its title). See okr kr --help.");
    const d = await (await ctx.service()).keyResult(query, ctx.config.asOf);
    if (ctx.json) return ctx.out(JSON.stringify(d, null, 2));
    ctx.out(`${d.ref}  ${d.title}`);
    ctx.out(`Objective ${d.objectiveRef}: ${d.objectiveTitle} (${d.team}, ${d.cycle})`);
    ctx.out(`Owner ${d.owner || "(none)"} · ${d.kind}, ${d.direction} · ${withUnit(d.start, d.unit)} → ${withUnit(d.target, d.unit)}${d.due ? ` · due ${d.due}` : ""}`);
    ctx.out("");
    ctx.out(
      `As of ${ctx.config.asOf}: ${withUnit(d.current, d.unit)}  ${bar(d.progress)} ${pct(d.progress)} (expected ${pct(d.expected)}, gap ${pts(d.gap)})  ${status(d.status)}`,
    );
    ctx.out(`Confidence ${d.confidence ?? "-"}/5 · last check-in ${d.lastCheckIn ?? "never"}${d.stale ? " (stale)" : ""} · this week ${pts(d.weeklyDelta)}`);
    ctx.out(`Why: ${d.reason}`);
    const f = d.forecast;
    ctx.out(
      `Forecast at cycle end (${forecastBasis(f)}): ${withUnit(f.projectedValue, d.unit)} → ${pct(Math.max(0, f.projectedProgress))} · grade ${f.grade.score.toFixed(1)} ${f.grade.color}`,
    );
    ctx.out("");
    if (d.checkIns.length === 0) return ctx.out("No check-ins yet.");
    ctx.out(
      table(
        ["Date", ">Value", ">Conf", "Author", "Note"],
        d.checkIns.map((c) => [c.date, num(c.value), `${c.confidence}/5`, c.author, c.note]),
      ),
    );
  },
};
