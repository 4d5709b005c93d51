// `okr undo [REF]`: retract the check-in written last (of one KR, or in the whole workspace).

import type { CorrectionResult } from "../../service/okr-service.js";
import type { CommandContext, CommandSpec } from "../command.js";
import { pct, status, withUnit } from "../format.js";

/** What a correction did, and how to take it back: shared by `okr undo` and `okr checkin --fix`. */
export function printCorrection(ctx: CommandContext, r: CorrectionResult): void {
  const { ref, unit } = r.keyResult;
  const c = r.checkIn;
  const was = `${ref}'s check-in of ${c.date} (${withUnit(c.value, unit)}, confidence ${c.confidence}/5${c.author ? `, by ${c.author}` : ""})`;
  if (r.corrected) {
    const k = r.corrected;
    ctx.out(
      `Corrected ${was} to ${withUnit(k.value, unit)}, confidence ${k.confidence}/5${k.date !== c.date ? `, dated ${k.date}` : ""}${k.note !== c.note ? `, note "${k.note}"` : ""}.`,
    );
  } else ctx.out(`Retracted ${was}.`);
  ctx.out(`Progress ${pct(r.before.progress)} → ${pct(r.after.progress)} (expected ${pct(r.after.expected)}) · ${status(r.before.status)} → ${status(r.after.status)}`);
  ctx.out(
    `The original stays in history (okr kr ${ref}); to put it back: okr checkin ${ref} ${c.value} --confidence ${c.confidence} --date ${c.date}${r.corrected ? " --fix" : ""}`,
  );
}

export const undoCommand: CommandSpec = {
  name: "undo",
  summary: "Retract the check-in written last (of one key result, or anywhere); history keeps it.",
  usage: "okr undo [REF] [--mine] [--author NAME] [--json]",
  description:
    "Without REF, retracts the check-in written last in the workspace; with REF (KR2.1, an id or title words), that KR's.\n" +
    "--mine counts only check-ins by --author (default $OKR_AUTHOR or your user name). Nothing is deleted: a\n" +
    "retraction record supersedes the check-in, every number reads it as never made, and okr kr and the JSON export\n" +
    "still show it. To fix a value instead of removing it: okr checkin REF VALUE --fix.",
  options: {
    mine: { type: "boolean", description: "only my check-ins count as the last one" },
    author: { type: "string", description: "who is undoing (default: $OKR_AUTHOR or your user name)", placeholder: "NAME" },
  },
  examples: ["okr undo", "okr undo KR2.1", "okr undo --mine"],
  async run(ctx, { values, positionals }) {
    const query = positionals.join(" ").trim();
    const author = (values.author as string | undefined) ?? ctx.config.author;
    const r = await (await ctx.service()).correctCheckIn({ kr: query || undefined, action: "retract", author, onlyBy: values.mine === true ? author : undefined }, ctx.config.asOf);
    if (ctx.json) return ctx.out(JSON.stringify(r, null, 2));
    printCorrection(ctx, r);
  },
};
