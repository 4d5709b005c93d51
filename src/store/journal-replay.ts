// A snapshot brought up to the journal (journal.ts) without a drain: what a reader beside a writer,
// or a new process answering from the snapshot cache, sees of the writes not yet in the table.

import type { JournalEntry, JournalState } from "./journal.js";
import { withRuns } from "./rows.js";
import type { CheckInColumns, Snapshot } from "./store.js";

/** `s` brought up to the journal: as it is when it holds the entries already (read at base + rows:
 *  a drain stopped before its reset), with them replayed when it was read at `base`; null when it
 *  is of neither, or when the entries hold corrections (they change stored rows: drained first). */
export function upToJournal(s: Snapshot, j: JournalState): Snapshot | null {
  if (s.version === j.base + j.rows) return s;
  if (s.version !== j.base || j.entries.some((e) => e.corrects)) return null;
  return replayJournal(s, j.entries);
}

/** `s` (the table read at `base` rows) with the journal's entries on top, as the table will hold
 *  them once they are drained: later revisions of an entity replace earlier ones, check-ins are
 *  added. Entries with corrections are not replayed here (the caller drains them first). */
function replayJournal(s: Snapshot, entries: readonly JournalEntry[]): Snapshot {
  const cycles = new Map(s.cycles.map((x) => [x.id, x]));
  const objectives = new Map(s.objectives.map((x) => [x.id, x]));
  const keyResults = new Map(s.keyResults.map((x) => [x.id, x]));
  const users = new Map(s.users.map((x) => [x.id, x]));
  let rows = 0,
    added = 0;
  for (const { cols } of entries) {
    rows += cols.length;
    added += cols.length - cols.entityRows.size;
  }
  const from = s.checkIns;
  const n0 = from.days.length;
  // With runs (a snapshot read from the cache), each added check-in is a run of its own, and the
  // million-string krIds is still never built.
  const runIds = from.runs ? [...from.runs.ids] : null;
  const runEnds = from.runs ? [...from.runs.ends] : null;
  const out: CheckInColumns = {
    krIds: runIds ? [] : from.krIds.slice(),
    days: new Int32Array(n0 + added),
    values: new Float64Array(n0 + added),
    confidences: new Int32Array(n0 + added),
    createdAt: new Float64Array(n0 + added),
  };
  out.days.set(from.days);
  out.values.set(from.values);
  out.confidences.set(from.confidences);
  out.createdAt.set(from.createdAt);
  let k = n0;
  for (const { cols } of entries) {
    for (let i = 0; i < cols.length; i++) {
      if (!cols.entityRows.has(i)) {
        if (runIds) {
          runIds.push(cols.parent[i]!);
          runEnds!.push(k + 1);
        } else out.krIds.push(cols.parent[i]!);
        out.days[k] = cols.day[i]!;
        out.values[k] = cols.value[i]!;
        out.confidences[k] = cols.confidence[i]!;
        out.createdAt[k++] = cols.writtenAt[i]!;
        continue;
      }
      const kind = cols.kind[i];
      if (kind === "audit") continue; // not part of a snapshot (read by auditTrail)
      const e = JSON.parse(cols.data[i]!);
      if (kind === "cycle") cycles.set(e.id, e);
      else if (kind === "objective") objectives.set(e.id, e);
      else if (kind === "key_result") keyResults.set(e.id, e);
      else if (kind === "user") users.set(e.id, e);
      else throw new Error(`journal: cannot replay a ${kind} row`);
    }
  }
  return {
    version: s.version + rows,
    cycles: [...cycles.values()],
    objectives: [...objectives.values()],
    keyResults: [...keyResults.values()],
    users: [...users.values()],
    checkIns: runIds ? withRuns(out, runIds, Int32Array.from(runEnds!)) : out,
  };
}
