// Running one import: its plan, its check-ins chunk by chunk (checked, encoded and staged as they
// come, so memory stays bounded), its problems capped for the message, and the one commit.

import { OkrError } from "../domain/errors.js";
import type { ImportCheckIn, ImportData } from "../io/import-data.js";
import type { CheckInChunk } from "../io/import-csv.js";
import type { AuditEntry } from "../domain/types.js";
import type { OkrStore } from "../store/store.js";
import { planImport, type ImportOptions, type ImportSummary, type TitleChange } from "./import-plan.js";
import { PendingCheckIns, type Workspace } from "./workspace.js";

/** KRs whose stored check-ins one read asks for, once an import reads all the rest. */
const REST_BATCH = 5_000;

/** How many collisions an error lists: enough to recognise the other workspace, short enough to read. */
const COLLISIONS_SHOWN = 5;

function collisionError(collisions: readonly TitleChange[]): OkrError {
  const n = collisions.length;
  const lines = collisions.slice(0, COLLISIONS_SHOWN).map((c) => `${c.ref}: stored "${c.stored}" vs incoming "${c.incoming}" (${c.at})`);
  if (n > COLLISIONS_SHOWN) lines.push(`… and ${n - COLLISIONS_SHOWN} more`);
  return new OkrError(
    "conflict",
    `Import refused: ${n} ref${n > 1 ? "s" : ""} in the import name${n > 1 ? "" : "s"} a different objective or key result than the workspace stores under ${n > 1 ? "them" : "it"} ` +
      "(is this another workspace?); nothing was written.",
    { details: lines },
  );
}

/** An import's problems: the first PROBLEMS_SHOWN as written and a count of the rest (a bad 50 MB
 *  file has a million of them). */
const PROBLEMS_SHOWN = 100;
class ProblemList {
  private readonly first: string[] = [];
  total = 0;
  constructor(initial: readonly string[]) {
    this.push(initial);
  }
  push(items: readonly string[]): void {
    for (const p of items) if (this.total++ < PROBLEMS_SHOWN) this.first.push(p);
  }
  shown(): string[] {
    const rest = this.total - this.first.length;
    return rest > 0 ? [...this.first, `… and ${rest.toLocaleString("en-US")} more problem${rest > 1 ? "s" : ""}`] : this.first;
  }
}

/** The check-ins held in memory, as one chunk, then the streamed ones. */
async function* withChunks(inMemory: readonly ImportCheckIn[], streamed?: AsyncIterable<CheckInChunk>): AsyncGenerator<CheckInChunk> {
  if (inMemory.length) yield { checkIns: inMemory, problems: [] };
  if (streamed) yield* streamed;
}

/**
 * One import against `ws` (the store's state as planned on), all or nothing: see OkrService.import.
 * `patched` says whether `ws` was brought up to date with what was written (exactly what a reload
 * gives); when not (another writer got in between, or corrections changed histories in place), the
 * caller must reload.
 */
export async function runImport(
  store: OkrStore,
  ws: Workspace,
  data: ImportData,
  parseProblems: readonly string[],
  now: string,
  progress: ((message: string) => void) | undefined,
  opts: ImportOptions & { audit?: (summary: ImportSummary) => AuditEntry },
): Promise<{ summary: ImportSummary; patched: boolean }> {
  const problems = new ProblemList(parseProblems);
  const plan = planImport(ws, data, now, opts);
  problems.push(plan.problems);
  const staged = store.stage();
  staged.add(plan.batch);
  if (data.audit?.length) {
    // An export's trail, restored once: a re-import adds none of it again.
    const stored = new Set((await store.auditTrail()).map((a) => a.id));
    const restored = data.audit.filter((a) => !stored.has(a.id));
    plan.summary.audit = { added: restored.length, skipped: data.audit.length - restored.length };
    staged.add({ audit: restored });
  }
  // What the import adds, as columns, to bring the cached workspace up to date once committed.
  const added = new PendingCheckIns();
  let corrected = false;
  let read = 0,
    storedReads = 0,
    chunks = 0,
    said = performance.now();
  for await (const chunk of withChunks(data.checkIns, opts.checkInChunks)) {
    problems.push(chunk.problems);
    const needed = plan.checkIns.storedNeeded(chunk.checkIns);
    if (needed.length) {
      // Each read of stored check-ins is a scan of the table: one per chunk took a re-import of a
      // million check-ins a minute. So chunks read their own KRs until those reads have cost about
      // what reading all the rest would (in batches of REST_BATCH KRs, each a scan, and about as
      // much again to turn the rows into check-ins), then the rest is read: a small file into a
      // big workspace reads little, and a long one at most about twice what it could have.
      const rest = plan.checkIns.storedNotYetGivenCount();
      if (++storedReads <= 2 * Math.ceil(rest / REST_BATCH)) plan.checkIns.storedFor(needed, await store.checkInsAsWritten(needed), await store.corrections(needed));
      else {
        const ids = plan.checkIns.storedNotYetGiven();
        for (let i = 0; i < ids.length; i += REST_BATCH) {
          const batch = ids.slice(i, i + REST_BATCH);
          plan.checkIns.storedFor(batch, await store.checkInsAsWritten(batch), await store.corrections(batch));
        }
      }
    }
    const chunkProblems: string[] = [];
    const records = plan.checkIns.plan(chunk.checkIns, chunkProblems);
    problems.push(chunkProblems);
    // Once anything is wrong nothing will be written: stop holding records, keep checking.
    if (problems.total === 0) {
      staged.add(records);
      added.add(records.checkIns);
      corrected ||= records.corrections.length > 0;
    }
    read += chunk.checkIns.length;
    // A big file comes in many chunks: say how far it got, once a second (a small one is done at once).
    if (++chunks > 1 && performance.now() - said >= 1000) {
      said = performance.now();
      progress?.(`Checked ${read.toLocaleString("en-US")} check-ins…`);
    }
  }
  if (problems.total) {
    const n = problems.total;
    throw new OkrError("invalid_input", `Import refused: ${n.toLocaleString("en-US")} problem${n > 1 ? "s" : ""}; nothing was written.`, { details: problems.shown() });
  }
  if (plan.collisions.length) throw collisionError(plan.collisions);
  if (staged.size > 0) {
    progress?.(`Writing ${staged.size.toLocaleString("en-US")} new or changed records in one commit…`);
    if (opts.audit) staged.add({ audit: [opts.audit(plan.summary)] });
  }
  const { version, basedOn, checkInStamps } = await staged.commit();
  // Exactly what a reload would give (so close() can leave it as the snapshot the next process
  // loads), unless another writer got in between or corrections changed histories in place.
  if (basedOn !== ws.version || corrected) return { summary: plan.summary, patched: false };
  ws.apply(plan.batch, version, new Float64Array(0));
  ws.applyCheckIns(added, checkInStamps);
  return { summary: plan.summary, patched: true };
}
