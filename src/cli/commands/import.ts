// `okr import DIR|FILE`: load a spreadsheet export or a JSON export, all or nothing.

import { OkrError } from "../../domain/errors.js";
import { count } from "../../domain/wording.js";
import { readImportSource } from "../../io/read-import.js";
import type { ImportSummary } from "../../service/import-plan.js";
import type { CommandSpec } from "../command.js";

export function describeSummary(s: ImportSummary): string {
  const c = (label: string, x: { added: number; updated: number; unchanged: number }) =>
    `${label}: ${x.added} added, ${x.updated} updated, ${x.unchanged} unchanged`;
  return [
    c("cycles", s.cycles),
    c("objectives", s.objectives),
    c("key results", s.keyResults),
    `check-ins: ${s.checkIns.added} added, ${s.checkIns.skipped} already there`,
  ].join("\n");
}

export const importCommand: CommandSpec = {
  name: "import",
  summary: "Import OKRs and check-ins from a spreadsheet export (okrs.csv, checkins.csv) or a JSON export.",
  usage: "okr import DIR|FILE [--data DIR] [--json]",
  description:
    "DIR holds okrs.csv and/or checkins.csv (see examples/acme/README.md for the columns); FILE is one\n" +
    "of them or a file from `okr export --format json`. Columns may come in any order; extra columns are\n" +
    "ignored. Objectives and KRs are matched by ref and cycles by name, so importing the same files again\n" +
    "changes nothing. Any bad row fails the whole import, every problem is listed, and nothing is written.",
  options: {},
  workspace: "create",
  examples: ["okr import examples/acme --data ./acme-data", "okr import okrs.csv", "okr import backup.json --data ./restored"],
  async run(ctx, { positionals }) {
    const source = positionals[0];
    if (!source) throw new OkrError("invalid_input", "Say what to import: okr import DIR|FILE (see okr import --help).");
    const read = await readImportSource(source);
    if (!ctx.json) ctx.err(`Read ${count(read.files.length, "file")}: ${count(read.data.keyResults.length, "key result")}, ${count(read.data.checkIns.length, "check-in")}. Checking them against the workspace…`);
    const summary = await (await ctx.service()).import(read.data, read.problems, ctx.json ? undefined : (m) => ctx.err(m));
    if (ctx.json) return ctx.out(JSON.stringify({ dataDir: ctx.config.dataDir, files: read.files, ...summary }, null, 2));
    ctx.out(`Imported into ${ctx.config.dataDir}\n${describeSummary(summary)}`);
  },
};
