// The in-memory index the service answers from: entities by id and ref, and each KR's check-ins as
// sorted columns. Built once from a store snapshot, then kept current by applying our own writes.

import { parseDay } from "../domain/dates.js";
import { compareRefs } from "../domain/lagging.js";
import type { CycleSpan, KrSpec } from "../domain/metrics.js";
import { normalizeRef } from "../domain/refs.js";
import { foldText } from "../domain/resolve.js";
import type { CheckIn, Cycle, KeyResult, Objective, User } from "../domain/types.js";
import type { CheckInColumns, Snapshot, WriteBatch } from "../store/store.js";
import { KrHistory, type SharedColumns } from "./kr-history.js";

/** Check-ins as columns, chunk by chunk: an import's, to apply to the workspace once committed.
 *  Typed chunks rather than arrays grown a row at a time (a million rows copied each array as it
 *  grew, and the copies were promoted). */
export class PendingCheckIns {
  private readonly chunks: { krIds: string[]; days: Int32Array; values: Float64Array; confidences: Int32Array }[] = [];
  private readonly dayOf = new Map<string, number>();
  length = 0;
  add(checkIns: readonly Pick<CheckIn, "krId" | "date" | "value" | "confidence">[]): void {
    const n = checkIns.length;
    if (!n) return;
    const chunk = { krIds: new Array<string>(n), days: new Int32Array(n), values: new Float64Array(n), confidences: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      const c = checkIns[i]!;
      let day = this.dayOf.get(c.date);
      if (day === undefined) this.dayOf.set(c.date, (day = parseDay(c.date)));
      chunk.krIds[i] = c.krId;
      chunk.days[i] = day;
      chunk.values[i] = c.value;
      chunk.confidences[i] = c.confidence;
    }
    this.chunks.push(chunk);
    this.length += n;
  }
  /** All chunks as one set of columns, with `createdAt` the rows' write stamps. */
  columns(createdAt: Float64Array): CheckInColumns {
    const n = this.length;
    const out: CheckInColumns = { krIds: new Array<string>(n), days: new Int32Array(n), values: new Float64Array(n), confidences: new Int32Array(n), createdAt };
    let at = 0;
    for (const c of this.chunks) {
      for (let i = 0; i < c.krIds.length; i++) out.krIds[at + i] = c.krIds[i]!;
      out.days.set(c.days, at);
      out.values.set(c.values, at);
      out.confidences.set(c.confidences, at);
      at += c.krIds.length;
    }
    return out;
  }
}

/** The runs of equal ids in `krIds`. */
function runsOf(krIds: readonly string[]): { ids: string[]; ends: Int32Array } {
  const ids: string[] = [];
  const ends: number[] = [];
  for (let i = 0, n = krIds.length; i < n;) {
    const id = krIds[i]!;
    let end = i + 1;
    while (end < n && krIds[end] === id) end++;
    ids.push(id);
    ends.push(end);
    i = end;
  }
  return { ids, ends: Int32Array.from(ends) };
}

/** What the numbers need to know about a KR. Records written before KRs had a start date read as
 *  starting with their cycle. */
export function krSpec(kr: KeyResult): KrSpec {
  return {
    kind: kr.kind,
    direction: kr.direction,
    start: kr.start,
    target: kr.target,
    startDay: kr.startDate ? parseDay(kr.startDate) : null,
    dueDay: kr.due ? parseDay(kr.due) : null,
  };
}

/** Everything the numbers need for one KR, resolved once so the hot loop does no lookups. */
export interface KrEntry {
  kr: KeyResult;
  objective: Objective;
  cycle: Cycle;
  spec: KrSpec;
  span: CycleSpan;
  history: KrHistory;
}

export class Workspace {
  version: number;
  /** Whether this is exactly what a load of `version` gives (toSnapshot may stand in for one). */
  exact = true;
  readonly cycles = new Map<string, Cycle>();
  readonly objectives = new Map<string, Objective>();
  readonly keyResults = new Map<string, KeyResult>();
  /** Every user, removed ones too. */
  readonly users = new Map<string, User>();
  private userTokens = new Map<string, User>();
  private entries: Map<string, KrEntry> | null = null;
  private histories = new Map<string, KrHistory>();
  private dirty = true;

  private constructor(version: number) {
    this.version = version;
  }

  static fromSnapshot(s: Snapshot): Workspace {
    const w = new Workspace(s.version);
    // Indexed loops: this runs once per process, before V8 optimizes it, and an unoptimized for-of
    // allocates a result object per step (tens of thousands of KRs).
    for (let i = 0; i < s.cycles.length; i++) w.cycles.set(s.cycles[i]!.id, s.cycles[i]!);
    // By id only: the indexes by ref are made when first needed (refsByNow), as these puts would.
    w.refsMade = false;
    for (let i = 0; i < s.objectives.length; i++) w.objectives.set(s.objectives[i]!.id, s.objectives[i]!);
    for (let i = 0; i < s.keyResults.length; i++) w.keyResults.set(s.keyResults[i]!.id, s.keyResults[i]!);
    for (let i = 0; i < s.users.length; i++) w.putUser(s.users[i]!);
    w.addRuns(s.checkIns, s.checkIns.runs ?? runsOf(s.checkIns.krIds));
    return w;
  }

  /** Adds check-in columns, given as runs of one KR's rows. A run of a KR without a history yet
   *  (every KR of a snapshot, as the cache stores them, or of a new import) becomes one view of the
   *  columns, without copying; the rest are pushed. */
  private addRuns(c: SharedColumns, runs: { ids: readonly string[]; ends: Int32Array }): void {
    const { days, values, confidences, createdAt } = c;
    const { ids, ends } = runs;
    const pushed = new Set<KrHistory>(); // a view is sorted as it is made; these once all are in
    for (let r = 0, i = 0; r < ids.length; i = ends[r++]!) {
      const id = ids[r]!;
      const end = ends[r]!;
      const had = this.histories.get(id);
      if (end - i > 1 && !had?.length) {
        const h = KrHistory.view(c, i, end);
        h.sort();
        this.histories.set(id, h);
        continue;
      }
      const h = had ?? this.history(id);
      for (let j = i; j < end; j++) h.push(days[j]!, values[j]!, confidences[j]!, createdAt[j]!);
      pushed.add(h);
    }
    for (const h of pushed) h.sort();
  }

  private history(krId: string): KrHistory {
    let h = this.histories.get(krId);
    if (!h) this.histories.set(krId, (h = new KrHistory()));
    return h;
  }

  /** Applies a batch that has just been committed to the store; `stamps` are its check-ins' write
   *  stamps as stored (Committed.checkInStamps). */
  apply(batch: WriteBatch, version: number, stamps: Float64Array): void {
    for (const c of batch.cycles ?? []) this.cycles.set(c.id, c);
    for (const o of batch.objectives ?? []) this.putObjective(o);
    for (const k of batch.keyResults ?? []) this.putKeyResult(k);
    for (const u of batch.users ?? []) this.putUser(u);
    (batch.checkIns ?? []).forEach((c, i) => this.history(c.krId).insert(parseDay(c.date), c.value, c.confidence, stamps[i]!));
    if (batch.cycles?.length || batch.objectives?.length || batch.keyResults?.length) this.dirty = true;
    this.version = version;
  }

  /** Adds committed check-ins; `stamps` are their write stamps as stored, in the same order. */
  applyCheckIns(p: PendingCheckIns, stamps: Float64Array): void {
    const c = p.columns(stamps);
    this.addRuns(c, runsOf(c.krIds));
  }

  private objectiveRefs = new Map<string, Objective>();
  private krRefs = new Map<string, KeyResult>();
  /** Whether the ref indexes are made: a cold `okr lagging` never looks a ref up. */
  private refsMade = true;

  /** Makes the ref indexes if a load skipped them: putting each record in load order, as a load
   *  that made them at once would have. Before any put, so that later ones change them in turn. */
  private refsByNow(): void {
    if (this.refsMade) return;
    this.refsMade = true;
    this.objectives.forEach((o) => this.objectiveRefs.set(normalizeRef(o.ref), o));
    this.keyResults.forEach((k) => this.krRefs.set(normalizeRef(k.ref), k));
  }

  private putObjective(o: Objective): void {
    this.refsByNow();
    const old = this.objectives.get(o.id);
    // Only its own entry: another objective may hold the same ref (two writers at once, until one moves).
    if (old && this.objectiveRefs.get(normalizeRef(old.ref))?.id === o.id) this.objectiveRefs.delete(normalizeRef(old.ref));
    this.objectives.set(o.id, o);
    this.objectiveRefs.set(normalizeRef(o.ref), o);
  }

  private putKeyResult(k: KeyResult): void {
    this.refsByNow();
    const old = this.keyResults.get(k.id);
    if (old && this.krRefs.get(normalizeRef(old.ref))?.id === k.id) this.krRefs.delete(normalizeRef(old.ref));
    this.keyResults.set(k.id, k);
    this.krRefs.set(normalizeRef(k.ref), k);
  }

  private putUser(u: User): void {
    const old = this.users.get(u.id);
    if (old) this.userTokens.delete(old.tokenHash);
    this.users.set(u.id, u);
    if (!u.removedAt) this.userTokens.set(u.tokenHash, u);
  }

  /** The current user whose token has this hash. */
  userByTokenHash(hash: string): User | undefined {
    return this.userTokens.get(hash);
  }

  /** A current user by name (any case or accents). */
  userByName(name: string): User | undefined {
    const q = foldText(name);
    for (const u of this.userTokens.values()) if (foldText(u.name) === q) return u;
    return undefined;
  }

  /** Whether anyone has a personal token: then HTTP asks every caller for one. */
  get hasUsers(): boolean {
    return this.userTokens.size > 0;
  }

  /** Replaces a KR's history with its check-ins as read back from the store (after a correction,
   *  which may move, change or drop one). `checkIns` are in (date, written) order. */
  replaceHistory(krId: string, checkIns: readonly CheckIn[], version: number): void {
    this.histories.set(krId, KrHistory.of(checkIns));
    // createdAt strings keep milliseconds, the store's stamps finer steps: same order, other numbers.
    this.exact = false;
    this.dirty = true;
    this.version = version;
  }

  /** Everything, as a store snapshot (what a fresh load of the same version gives). */
  toSnapshot(): Snapshot {
    let n = 0;
    for (const h of this.histories.values()) n += h.length;
    const c = { krIds: new Array<string>(n), days: new Int32Array(n), values: new Float64Array(n), confidences: new Int32Array(n), createdAt: new Float64Array(n) };
    let at = 0;
    for (const [krId, h] of this.histories) {
      c.krIds.fill(krId, at, at + h.length);
      h.copyTo(c, at);
      at += h.length;
    }
    return {
      version: this.version,
      cycles: [...this.cycles.values()],
      objectives: [...this.objectives.values()],
      keyResults: [...this.keyResults.values()],
      users: [...this.users.values()],
      checkIns: c,
    };
  }

  /** KR ids by the time of their latest written check-in, newest first (for "undo my last check-in"). */
  recentlyCheckedIn(limit: number): string[] {
    const latest: [string, number][] = [];
    for (const [krId, h] of this.histories) {
      let max = -Infinity;
      for (let i = 0; i < h.length; i++) if (h.createdAt[i]! > max) max = h.createdAt[i]!;
      if (h.length) latest.push([krId, max]);
    }
    return latest
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([id]) => id);
  }

  entry(krId: string): KrEntry | undefined {
    return this.entriesById().get(krId);
  }

  /** By id, made on first use: a cold `okr lagging` goes through the sorted list only. */
  private entriesById(): Map<string, KrEntry> {
    if (this.dirty) this.rebuild();
    if (!this.entries) {
      this.entries = new Map();
      for (let i = 0; i < this.sorted.length; i++) this.entries.set(this.sorted[i]!.kr.id, this.sorted[i]!);
    }
    return this.entries;
  }

  /** Makes now what lookups would make on first use (the indexes by ref and by id): a server
   *  does it as it loads, rather than during its first requests. */
  indexAll(): void {
    this.refsByNow();
    this.entriesById();
  }

  private sorted: KrEntry[] = [];
  private byTeam = new Map<string, KrEntry[]>();

  /** Entries of one team (matched case- and accent-insensitively), or of all teams. */
  entriesFor(team?: string): readonly KrEntry[] {
    if (this.dirty) this.rebuild();
    return team === undefined ? this.sorted : (this.byTeam.get(foldText(team)) ?? []);
  }

  private rebuild(): void {
    this.entries = null;
    this.byTeam.clear();
    const spans = new Map<Cycle, CycleSpan>();
    const sorted: KrEntry[] = [];
    // forEach rather than for-of, for the reason given in fromSnapshot.
    this.keyResults.forEach((kr) => {
      const objective = this.objectives.get(kr.objectiveId);
      const cycle = objective && this.cycles.get(objective.cycleId);
      if (!objective || !cycle) return; // orphan rows cannot be scored; import never writes them
      sorted.push({
        kr,
        objective,
        cycle,
        spec: krSpec(kr),
        span: spans.get(cycle) ?? spans.set(cycle, { startDay: parseDay(cycle.start), endDay: parseDay(cycle.end) }).get(cycle)!,
        history: this.history(kr.id),
      });
    });
    this.sorted = sorted.sort((a, b) => compareRefs(a.kr.ref, b.kr.ref));
    const folded = new Map<string, string>(); // a few teams, tens of thousands of KRs
    for (let i = 0; i < this.sorted.length; i++) {
      const e = this.sorted[i]!;
      const team = e.objective.team;
      let key = folded.get(team);
      if (key === undefined) folded.set(team, (key = foldText(team)));
      let list = this.byTeam.get(key);
      if (!list) this.byTeam.set(key, (list = []));
      list.push(e);
    }
    this.dirty = false;
  }

  teams(): string[] {
    return [...new Set([...this.objectives.values()].map((o) => o.team))].sort();
  }

  objectiveByRef(ref: string): Objective | undefined {
    this.refsByNow();
    return this.objectiveRefs.get(normalizeRef(ref));
  }

  keyResultByRef(ref: string): KeyResult | undefined {
    this.refsByNow();
    return this.krRefs.get(normalizeRef(ref));
  }

  cycleByName(name: string): Cycle | undefined {
    for (const c of this.cycles.values()) if (c.name === name) return c;
    return undefined;
  }
}
