// `okr export`: the workspace as JSON (re-importable, round-trips) or as the spreadsheet CSVs.

import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { OkrError } from "../../domain/errors.js";
import { count } from "../../domain/wording.js";
import { isLocalPath } from "../../paths.js";
import type { CommandSpec } from "../command.js";

/** Write to a temporary file and rename it, so a crash never leaves half a file behind. */
async function writeAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, "utf8");
  await rename(tmp, path);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** An export written into the data directory could replace the store's own files and make it
 *  unreadable: refuse any path inside it. */
function refuseInsideData(out: string, dataDir: string): void {
  if (!isLocalPath(dataDir)) return;
  const rel = relative(resolve(dataDir), resolve(out));
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel)))
    throw new OkrError(
      "invalid_input",
      `--out ${out} is inside the data directory ${dataDir}, where it could overwrite the workspace's own files: write the export somewhere else.`,
    );
}

export const exportCommand: CommandSpec = {
  name: "export",
  summary: "Export the workspace as JSON or CSV, to stdout or a file.",
  usage: "okr export [--format json|csv] [--table okrs|checkins] [--out FILE|DIR]",
  description:
    "JSON holds everything and imports back unchanged. CSV is the spreadsheet format `okr import` reads:\n" +
    "--table picks okrs.csv (default) or checkins.csv; with --out DIR both files are written there.\n" +
    "Text cells a spreadsheet would run as formulas (=, +, -, @) are prefixed with '.",
  options: {
    format: { type: "string", short: "f", description: "json (default) or csv", placeholder: "FMT" },
    table: { type: "string", description: "for csv: okrs (default) or checkins", placeholder: "T" },
    out: { type: "string", short: "o", description: "write to this file (or, for csv, this directory)", placeholder: "PATH" },
  },
  examples: ["okr export > backup.json", "okr export --format csv --out ./sheet/", "okr export -f csv --table checkins -o checkins.csv"],
  async run(ctx, { values }) {
    const format = (values.format as string | undefined) ?? "json";
    if (format !== "json" && format !== "csv") throw new OkrError("invalid_input", `--format must be json or csv, not "${format}"`);
    const tableName = (values.table as string | undefined) ?? "okrs";
    if (tableName !== "okrs" && tableName !== "checkins") throw new OkrError("invalid_input", `--table must be okrs or checkins, not "${tableName}"`);
    const out = values.out as string | undefined;
    if (out) refuseInsideData(out, ctx.config.dataDir);
    const doc = await (await ctx.service()).exportDocument();
    if (format === "json") {
      const text = JSON.stringify(doc, null, 2) + "\n";
      if (!out) return ctx.raw(text);
      const path = (await isDirectory(out)) ? join(out, "okrs.json") : out;
      await writeAtomic(path, text);
      return ctx.err(`Wrote ${path} (${count(doc.objectives.length, "objective")})`);
    }
    const { checkInsCsv, okrsCsv } = await import("../../io/export-data.js");
    if (out && ((await isDirectory(out)) || out.endsWith("/"))) {
      await writeAtomic(join(out, "okrs.csv"), okrsCsv(doc));
      await writeAtomic(join(out, "checkins.csv"), checkInsCsv(doc));
      return ctx.err(`Wrote ${join(out, "okrs.csv")} and ${join(out, "checkins.csv")}`);
    }
    const text = tableName === "okrs" ? okrsCsv(doc) : checkInsCsv(doc);
    // One CSV holds one table: without --table, say that the check-ins are not in it and how to get them.
    const left = values.table === undefined ? `; the check-ins are not in it: add --table checkins for them, or --out DIR for both files` : "";
    if (!out) {
      ctx.raw(text);
      if (left) ctx.err(`Note: that was okrs.csv (objectives and key results)${left}.`);
      return;
    }
    await writeAtomic(out, text);
    ctx.err(`Wrote ${out}${left ? ` (objectives and key results${left})` : ""}`);
  },
};
