// `okr checkin REF VALUE`: append a check-in (value, confidence, note) to a key result.

import { OkrError } from "../../domain/errors.js";
import { readNumber } from "../../domain/values.js";
import { readCliNumber } from "../read-value.js";
import { checkInsOnDay, sameDayWarning } from "../../service/same-day.js";
import type { CommandSpec } from "../command.js";
import { pct, status, withUnit } from "../format.js";
import { printCorrection } from "./undo.js";

export const checkinCommand: CommandSpec = {
  name: "checkin",
  summary: "Log a check-in on a key result: its new value, your confidence and a note.",
  usage:
    "okr checkin REF VALUE [--confidence 1-5] [--note TEXT] [--date YYYY-MM-DD] [--author NAME] [--json]\n       okr checkin [REF] [VALUE] --fix [--confidence 1-5] [--note TEXT] [--date YYYY-MM-DD]",
  description:
    "REF is a short ref (KR2.1), an id or a unique part of the title. VALUE is a number as you would write it,\n" +
    "in English or Vietnamese: 52, 52%, 53.4 or 53,4, 1,200,000 or 1.200.000, 1.2M, 15k, 1,2 triệu, 1tr4, 3 tỷ.\n" +
    "A comma before exactly three digits groups thousands (1,200 = 1200), before one or two it is a decimal\n" +
    "comma (53,4 = 53.4); 45.200 is refused as ambiguous (45200 or 45.2?).\n" +
    "Confidence runs from 1 (no chance) to 5 (certain); without --confidence the last check-in's is kept.\n" +
    "--fix corrects the check-in written last (of REF, or anywhere without REF) instead of adding one: give the\n" +
    "value, confidence, note or date it should have had. The original stays in history. okr undo retracts one.\n" +
    "A value more than 10× the KR's range (start → target) beyond anything it has been is refused as a likely slip\n" +
    "(an extra zero, another unit) unless --confirm says it is right.",
  options: {
    confidence: { type: "string", short: "c", description: "1 (no chance) … 5 (certain); default: the previous check-in's", placeholder: "N" },
    note: { type: "string", short: "n", description: "what happened, in a sentence", placeholder: "TEXT" },
    date: { type: "string", description: "the check-in's date (default: the as-of date)", placeholder: "YYYY-MM-DD" },
    author: { type: "string", description: "who is checking in (default: $OKR_AUTHOR or your user name)", placeholder: "NAME" },
    fix: { type: "boolean", description: "correct the check-in written last instead of adding one" },
    confirm: { type: "boolean", description: "yes, the value is right although far outside the KR's range" },
  },
  examples: [
    'okr checkin KR2.1 53.4 --confidence 4 --note "onboarding emails shipped"',
    'okr checkin "30-day retention" 53.4%',
    "okr checkin KR2.1 54.3 --fix                # the last KR2.1 check-in should have said 54.3",
    "okr checkin --fix --confidence 3            # the check-in written last, with another confidence",
  ],
  async run(ctx, { values, positionals }) {
    let confidence: number | undefined;
    if (values.confidence !== undefined) {
      confidence = Number(values.confidence);
      if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5)
        throw new OkrError("invalid_input", `--confidence must be a whole number from 1 (no chance) to 5 (certain), not "${values.confidence}"`);
    }
    if (values.fix === true) {
      // [REF] [VALUE]: a lone positional that reads as a number is the value, otherwise the KR.
      const lastIsValue = positionals.length > 0 && readNumber(positionals[positionals.length - 1]!) !== null && (positionals.length > 1 || !/^kr/i.test(positionals[0]!));
      const value = lastIsValue ? readCliNumber(positionals[positionals.length - 1]!) : undefined;
      const query = (lastIsValue ? positionals.slice(0, -1) : positionals).join(" ").trim();
      const r = await (
        await ctx.service()
      ).correctCheckIn(
        {
          kr: query || undefined,
          action: "correct",
          value,
          confidence,
          note: values.note as string | undefined,
          date: values.date as string | undefined,
          author: (values.author as string | undefined) ?? ctx.config.author,
          confirmed: values.confirm === true,
        },
        ctx.config.asOf,
      );
      if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
      return printCorrection(ctx, r);
    }
    if (positionals.length < 2) throw new OkrError("invalid_input", "Give the key result and the new value: okr checkin KR2.1 53.4 (see okr checkin --help).");
    const value = readCliNumber(positionals[positionals.length - 1]!);
    const query = positionals.slice(0, -1).join(" ");
    const svc = await ctx.service();
    const date = (values.date as string | undefined) ?? ctx.config.asOf;
    const sameDay = await checkInsOnDay(svc, query, date);
    const r = await svc.checkIn(
      {
        kr: query,
        value,
        confidence,
        note: values.note as string | undefined,
        date,
        author: (values.author as string | undefined) ?? ctx.config.author,
        confirmed: values.confirm === true,
      },
      ctx.config.asOf,
    );
    const warning = sameDayWarning(sameDay, date, {
      withUnit,
      anotherDay: "pass --date YYYY-MM-DD",
      fix: `To take this one back: okr undo ${r.after.ref} (okr checkin ${r.after.ref} VALUE --fix corrects the latest instead of adding one)`,
    });
    if (warning) ctx.err(`Warning: ${warning}`);
    if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
    const a = r.after;
    ctx.out(
      `Logged ${withUnit(r.checkIn.value, a.unit)} on ${a.ref} ${a.title} (${r.checkIn.date}, confidence ${r.checkIn.confidence}/5${r.confidenceCarriedOver ? " kept from the last check-in" : ""}).`,
    );
    ctx.out(`Progress ${pct(r.before.progress)} → ${pct(a.progress)} (expected ${pct(a.expected)}) · ${status(r.before.status)} → ${status(a.status)}`);
  },
};
