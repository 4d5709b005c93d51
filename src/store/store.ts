// The storage interface everything above the store sees. Only lance-store.ts knows about LanceDB.

import type { AuditEntry, CheckIn, CheckInCorrection, Cycle, EffectiveCheckIn, KeyResult, Objective, User } from "../domain/types.js";

/** One atomic write: every record lands together or none does. */
export interface WriteBatch {
  cycles?: Cycle[];
  objectives?: Objective[];
  keyResults?: KeyResult[];
  checkIns?: CheckIn[];
  /** Each must name a check-in already stored or in this batch. */
  corrections?: CheckInCorrection[];
  users?: User[];
  /** What the batch does, for the audit trail (kept apart from snapshots: read by auditTrail()). */
  audit?: AuditEntry[];
}

/** Check-ins as parallel columns: the compact form the in-memory index is built from. */
export interface CheckInColumns {
  krIds: string[];
  /** When given, the rows come in runs of one KR each: run r is ids[r]'s rows up to ends[r] (from
   *  the previous run's end). A loader takes each run as one slice, without reading krIds (the
   *  snapshot cache then never builds that array of a million strings). */
  runs?: { ids: readonly string[]; ends: Int32Array };
  days: Int32Array;
  values: Float64Array;
  confidences: Int32Array;
  /** Epoch ms when written; orders check-ins that share a date. */
  createdAt: Float64Array;
}

export interface Snapshot {
  version: number;
  cycles: Cycle[];
  objectives: Objective[];
  keyResults: KeyResult[];
  /** Every user, removed ones too (latest revision of each). */
  users: User[];
  checkIns: CheckInColumns;
}

export interface SearchHit {
  kind: "objective" | "key_result" | "check_in";
  /** The objective's or KR's id; for a check-in, the KR it belongs to. */
  entityId: string;
  text: string;
  score: number;
}

/** A write assembled in parts and committed as one (a big import, chunk by chunk). Each part is
 *  encoded compactly as it is added, so its records need not stay in memory; nothing is visible to
 *  anyone until `commit`, and a staged write that is dropped writes nothing. */
export interface StagedWrite {
  add(batch: WriteBatch): void;
  /** Records added so far. */
  readonly size: number;
  /** As OkrStore.commit, for everything added. */
  commit(): Promise<Committed>;
}

export interface Committed {
  version: number;
  /** The version the batch landed on top of, or -1 (see OkrStore.commit). */
  basedOn: number;
  /** Each check-in's write stamp as stored (epoch ms), in the batch's order: what a snapshot read
   *  back would hold as its createdAt, so a caller's copy stays exactly the store's. */
  checkInStamps: Float64Array;
}

export interface OkrStore {
  /** Everything, latest revision of each entity. */
  load(): Promise<Snapshot>;
  /** Identifies the stored data: it changes whenever anyone (this process or another) writes
   *  data, and not when the store compacts or re-indexes itself. */
  version(): Promise<number>;
  /** Appends the batch in one commit. `basedOn` is the version the batch landed on top of, so a
   *  caller holding that version knows its copy plus the batch is the whole store; it is -1 when
   *  another writer may have committed in between. */
  commit(batch: WriteBatch): Promise<Committed>;
  /** A write to be assembled part by part and committed once (see StagedWrite). */
  stage(): StagedWrite;
  /** Full check-ins (notes, authors) of some KRs (all when `krIds` is omitted), dated `since` or
   *  later, in (date, written) order, as corrected: a retracted one is left out, a corrected one
   *  carries the corrected fields (and `correctedFrom`). Snapshots read check-ins the same way. */
  checkIns(krIds?: readonly string[], since?: string): Promise<EffectiveCheckIn[]>;
  /** Check-ins exactly as written, corrections not applied (exports, import's duplicate check). */
  checkInsAsWritten(krIds?: readonly string[]): Promise<CheckIn[]>;
  /** Corrections of some KRs' check-ins (all when omitted), in written order. */
  corrections(krIds?: readonly string[]): Promise<CheckInCorrection[]>;
  /** The audit trail, oldest first; the last `limit` entries when given. */
  auditTrail(limit?: number): Promise<AuditEntry[]>;
  /** Full-text search over objective titles, KR titles and check-in notes. */
  search(text: string, limit: number): Promise<SearchHit[]>;
  /** Offers the caller's snapshot of the store as it stands (its own writes applied), for the
   *  next process to load quickly; taken up when the store closes. `make` is called only if the
   *  store wants it: `version` is still the store's and what it keeps for quick loading is older. */
  offerSnapshot(version: number, make: () => Snapshot): Promise<void>;
  /** offerSnapshot, written now rather than at close (a server between writes): false when
   *  background work (an index build, a compaction) is running and would move the version on, so
   *  that the caller offers it again later. */
  saveSnapshot(version: number, make: () => Snapshot): Promise<boolean>;
  /** Runs `fn` while no other process runs an `fn` under the same name on this workspace (a local
   *  folder; elsewhere it just runs). `waiting` hears the other process's id if there is a wait. */
  exclusive<T>(name: string, fn: () => Promise<T>, waiting?: (pid: number) => void): Promise<T>;
  /** Resolves once background work started by earlier writes (index builds, compaction) is done. */
  idle(): Promise<void>;
  /** Opens what writes will need, for a long-running process (a server) to do at start rather
   *  than at its first write; a store may also move the work that follows writes (moving them into
   *  their table, compaction) out of the process, so that it does not grow a server's memory. */
  prepareForWrites(): Promise<void>;
  close(): Promise<void>;
}
