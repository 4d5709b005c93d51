// `okr checkin REF VALUE`: append a check-in (value, confidence, note) to a key result.

import { OkrError } from "../../domain/errors.js";
import { parseHumanNumber } from "../../domain/values.js";
import { checkInsOnDay, sameDayWarning } from "../../service/same-day.js";
import type { CommandSpec } from "../command.js";
import { pct, status, withUnit } from "../format.js";

export const checkinCommand: CommandSpec = {
  name: "checkin",
  summary: "Log a check-in on a key result: its new value, your confidence and a note.",
  usage: "okr checkin REF VALUE [--confidence 1-5] [--note TEXT] [--date YYYY-MM-DD] [--author NAME] [--json]",
  description:
    "REF is a short ref (KR2.1), an id or a unique part of the title. VALUE is a number: 52, 52%, 1,200,000, 1.2M.\n" +
    "Confidence runs from 1 (no chance) to 5 (certain); without --confidence the last check-in's is kept.\n" +
    "Check-ins are append-only: to correct one, log a new check-in.",
  options: {
    confidence: { type: "string", short: "c", description: "1 (no chance) … 5 (certain); default: the previous check-in's", placeholder: "N" },
    note: { type: "string", short: "n", description: "what happened, in a sentence", placeholder: "TEXT" },
    date: { type: "string", description: "the check-in's date (default: the as-of date)", placeholder: "YYYY-MM-DD" },
    author: { type: "string", description: "who is checking in (default: $OKR_AUTHOR or your user name)", placeholder: "NAME" },
  },
  examples: ['okr checkin KR2.1 53.4 --confidence 4 --note "onboarding emails shipped"', 'okr checkin "30-day retention" 53.4%'],
  async run(ctx, { values, positionals }) {
    if (positionals.length < 2) throw new OkrError("invalid_input", "Give the key result and the new value: okr checkin KR2.1 53.4 (see okr checkin --help).");
    const valueText = positionals[positionals.length - 1]!;
    const query = positionals.slice(0, -1).join(" ");
    const value = parseHumanNumber(valueText);
    if (value === null) throw new OkrError("invalid_input", `"${valueText}" is not a number: give the KR's new value, e.g. 53.4, 1.2M or 1,200,000.`);
    let confidence: number | undefined;
    if (values.confidence !== undefined) {
      confidence = Number(values.confidence);
      if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5)
        throw new OkrError("invalid_input", `--confidence must be a whole number from 1 (no chance) to 5 (certain), not "${values.confidence}"`);
    }
    const svc = await ctx.service();
    const date = (values.date as string | undefined) ?? ctx.config.asOf;
    const sameDay = await checkInsOnDay(svc, query, date);
    const r = await svc.checkIn(
      { kr: query, value, confidence, note: values.note as string | undefined, date, author: (values.author as string | undefined) ?? ctx.config.author },
      ctx.config.asOf,
    );
    const warning = sameDayWarning(sameDay, date, { withUnit, anotherDay: "pass --date YYYY-MM-DD" });
    if (warning) ctx.err(`Warning: ${warning}`);
    if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
    const a = r.after;
    ctx.out(`Logged ${withUnit(r.checkIn.value, a.unit)} on ${a.ref} ${a.title} (${r.checkIn.date}, confidence ${r.checkIn.confidence}/5${r.confidenceCarriedOver ? " kept from the last check-in" : ""}).`);
    ctx.out(`Progress ${pct(r.before.progress)} → ${pct(a.progress)} (expected ${pct(a.expected)}) · ${status(r.before.status)} → ${status(a.status)}`);
  },
};
