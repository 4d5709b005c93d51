// `okr import DIR|FILE`: load a spreadsheet export or a JSON export, all or nothing.

import { mkdir, rm } from "node:fs/promises";
import { basename, extname, isAbsolute, relative } from "node:path";
import { OkrError, isOkrError } from "../../domain/errors.js";
import { count } from "../../domain/wording.js";
import type { OpenedImport } from "../../io/read-import.js";
import type { ImportSummary } from "../../service/import-plan.js";
import type { CommandContext, CommandSpec } from "../command.js";

export function describeSummary(s: ImportSummary): string {
  const c = (label: string, x: { added: number; updated: number; unchanged: number }) => `${label}: ${x.added} added, ${x.updated} updated, ${x.unchanged} unchanged`;
  return [
    c("cycles", s.cycles),
    c("objectives", s.objectives),
    c("key results", s.keyResults),
    `check-ins: ${s.checkIns.added} added, ${s.checkIns.skipped} already there`,
    ...(s.audit.added + s.audit.skipped ? [`audit trail: ${s.audit.added} entries restored, ${s.audit.skipped} already there`] : []),
    ...s.renamed.map((r) => `renamed ${r.ref}: "${r.stored}" → "${r.incoming}"`),
  ].join("\n");
}

/** A path as the person would type it: ./data under the current folder, else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  const p = rel && !rel.startsWith("..") && !isAbsolute(rel) ? `./${rel}` : path;
  return /[\s"'$`\\]/.test(p) ? JSON.stringify(p) : p;
}

/** The service's collision error, plus the three ways forward spelled out for this source and folder. */
function withWaysForward(e: OkrError, source: string, dataDir: string): OkrError {
  const src = shown(source);
  const other = shown(`${basename(source, extname(source)) || "import"}-data`);
  return new OkrError("conflict", e.message, {
    cause: e,
    details: [
      ...e.details,
      "Ways forward:",
      `  keep both: import into another folder: okr import ${src} --data ${other}`,
      `  replace this workspace: okr export --out backup.json --data ${shown(dataDir)}, then okr import ${src} --replace --data ${shown(dataDir)}`,
      `    (--replace moves ${shown(dataDir)} aside to a timestamped sibling folder; nothing is deleted)`,
      `  the titles were changed on purpose: okr import ${src} --allow-renames --data ${shown(dataDir)}`,
    ],
  });
}

/** --replace: the import goes into a new sibling folder, which takes the data directory's name only once complete. */
async function importReplacing(ctx: CommandContext, read: OpenedImport, progress?: (m: string) => void) {
  const dataDir = ctx.config.dataDir;
  const { freeSibling, swapIn } = await import("../../io/replace-dir.js");
  const fresh = await freeSibling(dataDir, "importing", ctx.now());
  await mkdir(fresh, { recursive: true });
  let summary: ImportSummary;
  const svc = await ctx.serviceAt(fresh);
  try {
    summary = await svc.import(read.data, read.problems, progress, { checkInChunks: read.checkInChunks });
  } catch (e) {
    await svc.close();
    await rm(fresh, { recursive: true, force: true });
    throw e;
  }
  await svc.close();
  const movedAside = await swapIn(dataDir, fresh, ctx.now());
  return { summary, movedAside };
}

export const importCommand: CommandSpec = {
  name: "import",
  summary: "Import OKRs and check-ins from a spreadsheet export (okrs.csv, checkins.csv) or a JSON export.",
  usage: "okr import DIR|FILE [--data DIR] [--replace | --allow-renames] [--json]",
  description:
    "DIR holds okrs.csv and/or checkins.csv (see examples/acme/README.md for the columns); FILE is one\n" +
    "of them or a file from `okr export --format json`. Columns may come in any order; extra columns are\n" +
    "ignored. Objectives and KRs are matched by ref and cycles by name, so importing the same files again\n" +
    "changes nothing, and a changed target, owner or other field is stored as a new revision. Any bad row\n" +
    "fails the whole import, every problem is listed, and nothing is written.\n" +
    "\n" +
    "An import whose refs name other objectives or KRs than the workspace stores under them (O1 has another\n" +
    "title: it is probably another workspace) is refused, listing the first collisions. Titles are compared\n" +
    'ignoring case, spacing, accents and numbers ("Raise NPS from 48 to 65" and "raise NPS from 48 to 70"\n' +
    "are the same KR with a new target); any other changed word is a different title. Then either:\n" +
    "  --data DIR        import into another folder and keep both workspaces;\n" +
    "  --replace         start over with only the import: it is written into a new folder next to the data\n" +
    "                    directory, and only once it is complete is the current data directory renamed to\n" +
    "                    <dir>.replaced-<UTC time> (printed) and the new one put in its place. Nothing is\n" +
    "                    deleted; a failed import leaves the data directory as it was. Stop `okr serve` on\n" +
    "                    that folder first; `okr export --out backup.json` beforehand gives a portable copy too;\n" +
    "  --allow-renames   the titles were changed on purpose: store them as new revisions of the same refs.",
  workspace: "create",
  options: {
    replace: { type: "boolean", description: "import into a fresh workspace; the current data directory is moved aside (kept, not deleted)" },
    "allow-renames": { type: "boolean", description: "accept changed titles under existing refs as renames instead of refusing the import" },
  },
  examples: [
    "okr import examples/acme --data ./acme-data",
    "okr import okrs.csv",
    "okr import backup.json --data ./restored",
    "okr export --out backup.json && okr import examples/acme --replace",
  ],
  async run(ctx, { values, positionals }) {
    const source = positionals[0];
    if (!source) throw new OkrError("invalid_input", "Say what to import: okr import DIR|FILE (see okr import --help).");
    const replace = values.replace === true;
    const allowRenames = values["allow-renames"] === true;
    if (replace && allowRenames)
      throw new OkrError("invalid_input", "--replace starts from an empty workspace, so there is nothing to rename: give one of --replace and --allow-renames.");
    const [{ checkReplaceable }, { openImportSource }] = await Promise.all([import("../../io/replace-dir.js"), import("../../io/read-import.js")]);
    if (replace) checkReplaceable(ctx.config.dataDir, process.cwd());
    const read = await openImportSource(source);
    if (!ctx.json) {
      const what = `Read ${count(read.files.length, "file")}: ${count(read.data.keyResults.length, "key result")}`;
      // A check-ins CSV is read while it is checked (streamed), so its count comes at the end.
      ctx.err(
        read.checkInFiles.length
          ? `${what}; reading the check-ins and checking everything against the workspace…`
          : `${what}, ${count(read.data.checkIns.length, "check-in")}. Checking them against the workspace…`,
      );
    }
    const progress = ctx.json ? undefined : (m: string) => ctx.err(m);
    let summary: ImportSummary;
    let movedAside: string | null = null;
    if (replace) ({ summary, movedAside } = await importReplacing(ctx, read, progress));
    else {
      try {
        summary = await (await ctx.service()).import(read.data, read.problems, progress, { allowRenames, checkInChunks: read.checkInChunks });
      } catch (e) {
        throw isOkrError(e) && e.code === "conflict" ? withWaysForward(e, source, ctx.config.dataDir) : e;
      }
    }
    if (ctx.json) return ctx.out(JSON.stringify({ dataDir: ctx.config.dataDir, files: read.files, ...(replace ? { movedAside } : {}), ...summary }, null, 2));
    ctx.out(`Imported into ${ctx.config.dataDir}${replace ? " (a fresh workspace)" : ""}\n${describeSummary(summary)}`);
    if (replace)
      ctx.out(
        movedAside
          ? `The previous workspace was moved to ${movedAside} (nothing was deleted; remove it once you no longer need it).`
          : "There was no previous workspace to move aside.",
      );
  },
};
