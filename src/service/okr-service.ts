// The use cases (import, check in, lagging, tree, one KR, search, export) over a store. Answers come
// from the in-memory Workspace, reloaded whenever the store's version moves under it.

import { newId } from "./ids.js";
// The critic, the weekly summary, export and import load where they are used: a command that
// only reads (okr lagging) starts ~10 ms sooner without their 150 KB of modules.
import type { CriticLang, DraftObjective, Finding } from "../domain/critic.js";
import type { Rewrite } from "../domain/critic-rewrite.js";
import { addDays, parseDay } from "../domain/dates.js";
import { matchTeam } from "../domain/teams.js";
import { OkrError, invalidInput } from "../domain/errors.js";
import { evaluate } from "../domain/metrics.js";
import { acceptValue, farOff } from "../domain/values.js";
import { acceptText } from "../domain/text.js";
import { resolveOne } from "../domain/resolve.js";
import type { AuditEntry, CheckIn, Cycle, EffectiveCheckIn, KeyResult, Objective } from "../domain/types.js";
import { localActor, writeRefusal, type Actor } from "../domain/access.js";
import { addingUser, changingUser, hashToken, removingUser, renewingToken, userView, type NewUser, type UserChange, type UserView } from "./users.js";
import { buildCorrection, pickCheckIn, type CorrectionInput } from "./corrections.js";
import type { Lang, WeeklyFacts } from "./weekly.js";
import type { Grounding, GroundingContext } from "../domain/grounding.js";
import {
  buildCycle,
  buildKeyResult,
  buildObjective,
  pickCycle,
  placementFor,
  reviseKeyResult,
  type KeyResultChanges,
  type NewCycle,
  type NewKeyResult,
  type NewObjective,
} from "./create.js";
import type { ExportDocument } from "../io/export-data.js";
import type { ImportData } from "../io/import-data.js";
import type { OkrStore } from "../store/store.js";
import type { ImportOptions, ImportSummary } from "./import-plan.js";
import { krDetail, krRow, lagging, tree, type KrDetail, type KrRow, type LaggingOptions, type LaggingRow, type ObjectiveView } from "./views.js";
import { KrHistory } from "./kr-history.js";
import { Workspace } from "./workspace.js";
import { renameClashes, type Created } from "./unique-refs.js";

export interface CheckInInput {
  kr: string;
  value: number;
  confidence?: number;
  note?: string;
  author?: string;
  /** Defaults to asOf. */
  date?: string;
  /** The person confirmed a value far outside the KR's range (see farOff). */
  confirmed?: boolean;
}

/** A dry run does everything a write does (resolve, validate, compute the result) except store it:
 *  the same call fails the same way, and succeeds with the result the write would return. */
export interface WriteOptions {
  dryRun?: boolean;
  /** Who writes (checked against their role and teams, and named in the audit trail); default
   *  the service's `actor`. */
  actor?: Actor;
}

export interface CheckInResult {
  checkIn: Pick<CheckIn, "date" | "value" | "confidence" | "note" | "author">;
  confidenceCarriedOver: boolean;
  before: KrRow;
  after: KrRow;
}

export interface CorrectionResult {
  action: "correct" | "retract";
  keyResult: { ref: string; title: string; unit: string };
  /** The check-in as it stood before this correction. */
  checkIn: Pick<EffectiveCheckIn, "id" | "date" | "value" | "confidence" | "note" | "author">;
  /** What it says now; null when retracted. */
  corrected: Pick<EffectiveCheckIn, "date" | "value" | "confidence" | "note"> | null;
  before: KrRow;
  after: KrRow;
}

export interface SearchResult {
  kind: "objective" | "key_result" | "check_in";
  ref: string;
  title: string;
  text: string;
  score: number;
}

/** A value far outside what a KR has been is refused until the person confirms it (`confirmed`). */
function refuseFarOff(value: number, kr: KrRow, others: number[]): void {
  const times = farOff(value, kr.start, kr.target, others);
  if (times === null) return;
  const u = (v: number) => `${v.toLocaleString("en-US", { maximumFractionDigits: 4 })}${kr.unit === "%" ? "%" : kr.unit ? ` ${kr.unit}` : ""}`;
  throw new OkrError(
    "invalid_input",
    `${u(value)} is ${Math.round(times).toLocaleString("en-US")}× ${kr.ref}'s whole range (${u(kr.start)} → ${u(kr.target)}) beyond anything it has been (now ${u(kr.current)}): check the number for an extra zero or another unit.`,
    { hint: { cli: "If it is right, run the command again with --confirm.", mcp: "If the person confirms it is right, call again with confirm: true." } },
  );
}

export class OkrService {
  private workspace: Workspace | null = null;
  /** Who writes when a call names nobody: the person at this machine (the CLI sets their name). */
  actor: Actor = localActor("local", "cli");

  constructor(
    readonly store: OkrStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The workspace, reloaded if anyone wrote since we last looked (one cheap version check). */
  async ws(): Promise<Workspace> {
    const version = await this.store.version();
    if (!this.workspace || this.workspace.version !== version) {
      this.workspace = Workspace.fromSnapshot(await this.store.load());
      if (this.serving) this.workspace.indexAll();
    }
    return this.workspace;
  }

  private serving = false;
  /** A server's service: the workspace is loaded now, not by the first request, and each load
   *  makes its indexes at once (a one-off command makes them only if it looks something up). */
  async prepareForServing(): Promise<void> {
    this.serving = true;
    // Also when something loaded the workspace before (a server checks for users first).
    (await this.ws()).indexAll();
  }

  async isEmpty(): Promise<boolean> {
    return (await this.ws()).objectives.size === 0;
  }

  /** All or nothing: every problem is collected, and either the whole import lands in one commit
   *  or nothing is written. Check-ins are read, checked and encoded chunk by chunk (those of `data`,
   *  then `opts.checkInChunks`, a streamed file), so memory stays bounded; `progress` hears about
   *  each. Refs that name other objectives or KRs than the stored ones are a `conflict` (another
   *  workspace's O1 must not be merged into this one's), unless `allowRenames` says the titles were
   *  changed on purpose. */
  async import(
    data: ImportData,
    parseProblems: readonly string[] = [],
    progress?: (message: string) => void,
    opts: ImportOptions & { actor?: Actor } = {},
  ): Promise<ImportSummary> {
    const actor = this.allow(opts.actor, null, "import data");
    // One import at a time on a workspace, across processes too: each plans against what the one
    // before it wrote, so two at once cannot both add the same rows.
    const waiting = (pid: number) => progress?.(`Waiting for another import (process ${pid}) to finish…`);
    return this.serial(() =>
      this.store.exclusive(
        "import",
        async () => {
          const audit = (s: ImportSummary) => {
            const n = (what: string, c: { added: number; updated?: number }) =>
              c.added || c.updated ? [`${what}: ${c.added} added${c.updated ? `, ${c.updated} updated` : ""}`] : [];
            const parts = [n("cycles", s.cycles), n("objectives", s.objectives), n("key results", s.keyResults), n("check-ins", s.checkIns), n("corrections", s.corrections)];
            const detail = parts.flat().join("; ") || "restored audit entries only";
            return this.auditEntry(actor, "import", "", detail);
          };
          this.wrote();
          const { runImport } = await import("./import-run.js");
          const { summary, patched } = await runImport(this.store, await this.ws(), data, parseProblems, this.clock().toISOString(), progress, { ...opts, audit });
          if (!patched) this.workspace = null;
          return summary;
        },
        waiting,
      ),
    );
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** Writes run one at a time in this process, each planned on the state the previous one left:
   *  eight create_objective calls at once used to plan the same next ref (O10 ×4). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** After a write that created refs. Only when the store moved under us (another writer committed
   *  between our plan and our commit: write() dropped the workspace for a reload) can another entity
   *  hold one of our refs; then ours move to the next free ones, and the check repeats, after a short
   *  random pause, while other writers keep landing (a writer renaming at the same moment is seen on
   *  the next round). */
  private async keepRefsUnique(created: Created, actor: Actor): Promise<Created> {
    for (let round = 0; round < 8 && this.workspace === null; round++) {
      if (!renameClashes(await this.ws(), created, this.clock().toISOString())) break;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 45));
      const ws = await this.ws();
      const again = renameClashes(ws, created, this.clock().toISOString());
      if (!again) break; // the other writer moved first
      const moved = [again.created.objective, ...again.created.keyResults].flatMap((x) => (x ? [x.ref] : []));
      await this.write(ws, again.batch, this.auditEntry(actor, "move_refs", moved.join(" "), "another writer took the refs first"));
      created = again.created;
    }
    return created;
  }

  /** The caller, once they may make this write (`team` null: an admin-only one); else forbidden. */
  private allow(actor: Actor | undefined, team: string | null, what: string): Actor {
    const who = actor ?? this.actor;
    const refusal = writeRefusal(who, team, what);
    if (refusal) throw refusal;
    return who;
  }

  private auditEntry(actor: Actor, action: string, target: string, detail: string): AuditEntry {
    return { id: newId(), at: this.clock().toISOString(), actor: actor.name, role: actor.role, surface: actor.surface, action, target, detail };
  }

  private idleMs = 0;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** For servers: `ms` after the last write, leave the workspace as the snapshot the next process
   *  (an okr command beside the server) loads at once, instead of scanning the table. */
  snapshotWhenIdle(ms: number): void {
    this.idleMs = ms;
  }

  private wrote(): void {
    if (!this.idleMs) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.saveIdleSnapshot(), this.idleMs);
    this.idleTimer.unref(); // never what keeps a process alive
  }

  private async saveIdleSnapshot(): Promise<void> {
    this.idleTimer = null;
    // In the write queue: no write of ours runs while the snapshot is taken.
    await this.serial(async () => {
      const ws = this.workspace;
      // Only a workspace that is exactly the store's (not after a correction, not after another writer).
      if (!ws?.exact || ws.version !== (await this.store.version())) return;
      if (!(await this.store.saveSnapshot(ws.version, () => ws.toSnapshot()))) this.wrote(); // busy: later
    }).catch(() => undefined); // only speed is lost without it
  }

  /** Commits the batch with its audit entry. */
  private async write(ws: Workspace, batch: Parameters<OkrStore["commit"]>[0], audit: AuditEntry): Promise<void> {
    this.wrote();
    const { version, basedOn, checkInStamps } = await this.store.commit({ ...batch, audit: [audit] });
    // Another process may have committed in between: then reload rather than patch. Corrections
    // (rare) also reload: they change histories in place.
    if (basedOn === ws.version && !batch.corrections?.length) ws.apply(batch, version, checkInStamps);
    else this.workspace = null;
  }

  async lagging(asOf: string, opts: LaggingOptions = {}): Promise<LaggingRow[]> {
    const ws = await this.ws();
    if (opts.team !== undefined) opts = { ...opts, team: this.checkTeam(ws, opts.team) };
    if (opts.limit !== undefined && (!Number.isInteger(opts.limit) || opts.limit < 1))
      throw new OkrError("invalid_input", `limit must be a whole number of at least 1, not ${opts.limit}`);
    return lagging(ws, parseDay(asOf, "as-of date"), opts);
  }

  /** Objectives with their KRs; `owner` keeps objectives that person owns or owns a KR of. */
  async tree(asOf: string, team?: string, filter: { cycle?: string; owner?: string } = {}): Promise<ObjectiveView[]> {
    const ws = await this.ws();
    if (team !== undefined) team = this.checkTeam(ws, team);
    if (filter.cycle !== undefined && !ws.cycleByName(filter.cycle))
      throw new OkrError("not_found", `No cycle named "${filter.cycle}". Cycles: ${[...ws.cycles.values()].map((c) => c.name).join(", ") || "(none yet)"}.`);
    const owner = filter.owner?.trim().toLowerCase();
    return tree(ws, parseDay(asOf, "as-of date"), team).filter(
      (o) => (filter.cycle === undefined || o.cycle === filter.cycle) && (!owner || o.owner.toLowerCase() === owner || o.keyResults.some((k) => k.owner.toLowerCase() === owner)),
    );
  }

  /** Runs the critic on a draft; with a team, counts that team's objectives in the draft's cycle. */
  async critique(draft: DraftObjective & { team?: string; cycle?: string }, asOf: string, lang?: CriticLang): Promise<{ findings: Finding[]; rewrite: Rewrite | null }> {
    let siblingObjectives = 0;
    if (draft.team) {
      const ws = await this.ws();
      const cycle = ws.cycles.size ? pickCycle(ws, draft.cycle, asOf) : null;
      const team = draft.team.toLowerCase();
      siblingObjectives = [...ws.objectives.values()].filter((o) => o.team.toLowerCase() === team && o.cycleId === cycle?.id).length;
    }
    const { critiqueWithRewrite, objectiveLanguage } = await import("../domain/critic.js");
    return critiqueWithRewrite({ ...draft, siblingObjectives }, lang ?? objectiveLanguage(draft.title));
  }

  /** Every objective of the cycle containing asOf (or one team's), with the critic's findings. */
  async review(asOf: string, team?: string): Promise<{ ref: string; title: string; team: string; owner: string; findings: Finding[]; rewrite: Rewrite | null }[]> {
    const views = await this.tree(asOf, team);
    const { critiqueWithRewrite } = await import("../domain/critic.js");
    const ws = await this.ws();
    const cycle = ws.cycles.size ? pickCycle(ws, undefined, asOf).name : null;
    const inCycle = views.filter((o) => o.cycle === cycle);
    const perTeam = new Map<string, number>();
    for (const o of inCycle) perTeam.set(o.team, (perTeam.get(o.team) ?? 0) + 1);
    // KRs grouped once, not rescanned per objective.
    const krsByObjective = new Map<string, KeyResult[]>();
    for (const k of ws.keyResults.values()) {
      const ref = ws.objectives.get(k.objectiveId)?.ref;
      if (!ref) continue;
      const list = krsByObjective.get(ref);
      if (list) list.push(k);
      else krsByObjective.set(ref, [k]);
    }
    return inCycle.map((o) => {
      const krs = krsByObjective.get(o.ref) ?? [];
      const r = critiqueWithRewrite({
        title: o.title,
        owner: o.owner,
        siblingObjectives: (perTeam.get(o.team) ?? 1) - 1,
        keyResults: krs.map((k) => ({ title: k.title, kind: k.kind, start: k.start, target: k.target, owner: k.owner })),
      });
      return { ref: o.ref, title: o.title, team: o.team, owner: o.owner, ...r };
    });
  }

  /** The week's facts, the template summary written from them, and its grounding check. */
  async weeklySummary(asOf: string, team?: string, lang: Lang = "en"): Promise<WeeklyFacts & { summary: string; grounding: Grounding; groundingContext: GroundingContext }> {
    const ws = await this.ws();
    if (team !== undefined) team = this.checkTeam(ws, team);
    parseDay(asOf, "as-of date");
    const notes = await this.store.checkIns(undefined, addDays(asOf, -6));
    const [{ weeklyFacts }, { templateSummary }, { checkGrounding }] = await Promise.all([import("./weekly.js"), import("./summary.js"), import("../domain/grounding.js")]);
    const facts = weeklyFacts(ws, asOf, team, notes, lang);
    const summary = templateSummary(facts, lang);
    const groundingContext = this.groundingContext(ws, facts);
    return { ...facts, summary, grounding: checkGrounding(summary, groundingContext), groundingContext };
  }

  /** Owners whose open KRs have no check-in this week (asOf and the 6 days before), by owner. */
  async reminders(
    asOf: string,
    team?: string,
  ): Promise<{ weekStart: string; owners: { owner: string; keyResults: { ref: string; title: string; lastCheckIn: string | null }[] }[] }> {
    const rows = (await this.tree(asOf, team)).flatMap((o) => o.keyResults);
    const weekStart = addDays(asOf, -6);
    const byOwner = new Map<string, { ref: string; title: string; lastCheckIn: string | null }[]>();
    for (const k of rows) {
      if (k.status === "completed" || (k.lastCheckIn !== null && k.lastCheckIn >= weekStart)) continue;
      const owner = k.owner || "(no owner)";
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), { ref: k.ref, title: k.title, lastCheckIn: k.lastCheckIn }]);
    }
    return { weekStart, owners: [...byOwner.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([owner, keyResults]) => ({ owner, keyResults })) };
  }

  private groundingContext(ws: Workspace, w: WeeklyFacts): GroundingContext {
    const titles = new Map<string, string>();
    for (const o of ws.objectives.values()) titles.set(o.ref, o.title);
    for (const k of ws.keyResults.values()) titles.set(k.ref, k.title);
    for (const c of ws.cycles.values()) titles.set(c.name, c.name);
    for (const t of ws.teams()) titles.set(`team:${t}`, t); // "Team 04" is a name, not a number
    return { facts: w.facts, titles, dates: [w.weekStart, w.asOf] };
  }

  /** The workspace's own name for a team typed in any case, without accents or as a synonym
   *  ("Sales" for "Kinh doanh"); an unknown team is an error listing the teams. */
  private checkTeam(ws: Workspace, team: string): string {
    const found = matchTeam(team, ws.teams());
    if (found) return found;
    const teams = ws.teams();
    if (teams.length) throw new OkrError("not_found", `No team named "${team}". Teams: ${teams.join(", ")}.`);
    throw new OkrError("not_found", `No team named "${team}": the workspace has no objectives yet.`, {
      hint: { cli: "Run okr import or okr demo first." },
    });
  }

  /** By id or ref through the index (the common case, and the write path's), else by fragment. */
  async resolveKeyResult(query: string): Promise<KeyResult> {
    const ws = await this.ws();
    const q = query.trim();
    return ws.keyResults.get(q) ?? ws.keyResultByRef(q) ?? resolveOne([...ws.keyResults.values()], q, "key result");
  }

  async resolveObjective(query: string): Promise<Objective> {
    const ws = await this.ws();
    const q = query.trim();
    return ws.objectives.get(q) ?? ws.objectiveByRef(q) ?? resolveOne([...ws.objectives.values()], q, "objective");
  }

  async keyResult(query: string, asOf: string): Promise<KrDetail> {
    const kr = await this.resolveKeyResult(query);
    const entry = (await this.ws()).entry(kr.id);
    if (!entry) throw new OkrError("internal", `Key result ${kr.ref} has no objective or cycle`);
    return krDetail(entry, parseDay(asOf, "as-of date"), await this.store.checkIns([kr.id]));
  }

  async checkIn(input: CheckInInput, asOf: string, opts: WriteOptions = {}): Promise<CheckInResult> {
    return this.serial(async () => {
      acceptValue(input.value, "value", invalidInput);
      const date = input.date ?? asOf;
      const day = parseDay(date, "check-in date");
      const kr = await this.resolveKeyResult(input.kr);
      const ws = await this.ws();
      const entry = ws.entry(kr.id)!;
      const actor = this.allow(opts.actor, entry.objective.team, `log a check-in on ${kr.ref}`);
      if (date < entry.cycle.start || date > entry.cycle.end)
        throw new OkrError("conflict", `${date} is outside ${kr.ref}'s cycle ${entry.cycle.name} (${entry.cycle.start} to ${entry.cycle.end}); pass a date inside it.`);
      let confidence = input.confidence;
      let carried = false;
      if (confidence === undefined) {
        const h = entry.history;
        if (h.length === 0) throw new OkrError("invalid_input", `${kr.ref} has no earlier check-in to take a confidence from: give one from 1 (no chance) to 5 (certain).`);
        confidence = h.confidences[h.length - 1]!;
        carried = true;
      }
      if (!Number.isInteger(confidence) || confidence < 1 || confidence > 5)
        throw new OkrError("invalid_input", `confidence must be a whole number from 1 (no chance) to 5 (certain), not ${confidence}`);
      const asOfDay = Math.max(parseDay(asOf, "as-of date"), day);
      const before = krRow(entry, evaluate(entry.spec, entry.span, entry.history, asOfDay));
      if (!input.confirmed) refuseFarOff(input.value, before, [before.current]);
      const checkIn: CheckIn = {
        id: newId(),
        krId: kr.id,
        date,
        value: input.value,
        confidence,
        note: acceptText(input.note, "note", "The note", invalidInput),
        author: actor.identified ? actor.name : acceptText(input.author, "name", "The author", invalidInput),
        createdAt: this.clock().toISOString(),
      };
      let after: KrRow;
      if (opts.dryRun) {
        // The KR's history with this check-in added, as the index will hold it once written.
        const history = entry.history.clone();
        history.insert(day, checkIn.value, confidence, Math.max(Date.parse(checkIn.createdAt), Date.now()));
        after = krRow({ ...entry, history }, evaluate(entry.spec, entry.span, history, asOfDay));
      } else {
        await this.write(ws, { checkIns: [checkIn] }, this.auditEntry(actor, "log_check_in", kr.ref, `${checkIn.value} on ${date}, confidence ${confidence}`));
        const fresh = (await this.ws()).entry(kr.id)!;
        after = krRow(fresh, evaluate(fresh.spec, fresh.span, fresh.history, asOfDay));
      }
      return { checkIn: { date, value: checkIn.value, confidence, note: checkIn.note, author: checkIn.author }, confidenceCarriedOver: carried, before, after };
    });
  }

  /** Corrects or retracts one check-in with a correction record (the check-in stays in history).
   *  Without a KR, the check-in meant is the one written last in the workspace; for a person known
   *  by their token, the one they wrote last ("undo my last check-in" is never someone else's). */
  async correctCheckIn(input: CorrectionInput, asOf: string, opts: WriteOptions = {}): Promise<CorrectionResult> {
    const caller = opts.actor ?? this.actor;
    if (input.kr === undefined && input.onlyBy === undefined && caller.identified) input = { ...input, onlyBy: caller.name };
    return this.serial(async () => {
      const ws = await this.ws();
      let kr: KeyResult, target: EffectiveCheckIn;
      if (input.kr !== undefined) {
        kr = await this.resolveKeyResult(input.kr);
        target = pickCheckIn(await this.store.checkIns([kr.id]), input, kr.ref);
      } else {
        // The KRs with the newest writes hold the last check-in; a few suffice, even filtered by author.
        const candidates = await this.store.checkIns(ws.recentlyCheckedIn(input.onlyBy ? 25 : 1));
        target = pickCheckIn(candidates, input, "this workspace");
        kr = ws.keyResults.get(target.krId)!;
      }
      const entry = ws.entry(kr.id)!;
      const actor = this.allow(opts.actor, entry.objective.team, `correct a check-in on ${kr.ref}`);
      const correction = buildCorrection(kr, entry.cycle, target, actor.identified ? { ...input, author: actor.name } : input, this.clock().toISOString());
      const day = parseDay(asOf, "as-of date");
      const asOfDay = Math.max(day, parseDay(correction.date ?? target.date));
      const before = krRow(entry, evaluate(entry.spec, entry.span, entry.history, asOfDay));
      // Measured against the value it replaces too: putting right a slip is itself a big jump.
      if (correction.value !== undefined && !input.confirmed) refuseFarOff(correction.value, before, [before.current, target.value]);
      let after: KrRow;
      if (opts.dryRun) {
        // The KR's check-ins as the store will read them once the correction is written.
        const corrected = (await this.store.checkIns([kr.id])).flatMap((c) =>
          c.id !== target.id
            ? [c]
            : correction.action === "retract"
              ? []
              : [{ ...c, date: correction.date ?? c.date, value: correction.value ?? c.value, confidence: correction.confidence ?? c.confidence }],
        );
        const history = KrHistory.of(corrected);
        after = krRow({ ...entry, history }, evaluate(entry.spec, entry.span, history, asOfDay));
      } else {
        const detail =
          correction.action === "retract"
            ? `retracted ${target.value} of ${target.date}`
            : `${target.value} of ${target.date} → ${correction.value ?? target.value}${correction.date && correction.date !== target.date ? ` dated ${correction.date}` : ""}`;
        const audit = this.auditEntry(actor, "correct_check_in", kr.ref, detail);
        this.wrote();
        const { version, basedOn } = await this.store.commit({ corrections: [correction], audit: [audit] });
        // Only our write landed: patch this KR's history from the store instead of reloading everything.
        if (basedOn === ws.version) ws.replaceHistory(kr.id, await this.store.checkIns([kr.id]), version);
        else this.workspace = null;
        const fresh = (await this.ws()).entry(kr.id)!;
        after = krRow(fresh, evaluate(fresh.spec, fresh.span, fresh.history, asOfDay));
      }
      const { id, date, value, confidence, note, author } = target;
      return {
        action: correction.action,
        keyResult: { ref: kr.ref, title: kr.title, unit: kr.unit },
        checkIn: { id, date, value, confidence, note, author },
        corrected:
          correction.action === "retract"
            ? null
            : { date: correction.date ?? date, value: correction.value ?? value, confidence: correction.confidence ?? confidence, note: correction.note ?? note },
        before,
        after,
      };
    });
  }

  async createCycle(c: NewCycle, opts: Pick<WriteOptions, "actor"> = {}): Promise<Cycle> {
    return this.serial(async () => {
      const actor = this.allow(opts.actor, null, "create a cycle");
      const ws = await this.ws();
      const cycle = buildCycle(ws, c);
      await this.write(ws, { cycles: [cycle] }, this.auditEntry(actor, "create_cycle", cycle.name, `${cycle.start} to ${cycle.end}`));
      return cycle;
    });
  }

  /** A new objective with the next free ref (O<n>), and its key results (KR<n>.1 …) in the same
   *  commit: all of it is written or none. `parent` may be a ref, id or name fragment. */
  async createObjective(
    o: Omit<NewObjective, "parentId"> & { parent?: string; keyResults?: NewKeyResult[] },
    asOf: string,
    opts: WriteOptions = {},
  ): Promise<{ objective: Objective; keyResults: KeyResult[] }> {
    return this.serial(async () => {
      const parentId = o.parent ? (await this.resolveObjective(o.parent)).id : null;
      const ws = await this.ws();
      const now = this.clock().toISOString();
      const objective = buildObjective(ws, { ...o, parentId }, asOf, now);
      const actor = this.allow(opts.actor, objective.team, "create an objective");
      const at = placementFor(ws, objective);
      const keyResults = (o.keyResults ?? []).map((k) => buildKeyResult(at, k, now, asOf));
      if (opts.dryRun) return { objective, keyResults };
      const refs = [objective.ref, ...keyResults.map((k) => k.ref)].join(" ");
      await this.write(ws, { objectives: [objective], keyResults }, this.auditEntry(actor, "create_objective", refs, objective.title));
      const kept = await this.keepRefsUnique({ objective, keyResults }, actor);
      return { objective: kept.objective!, keyResults: kept.keyResults };
    });
  }

  /** A new key result on an objective (ref, id or name fragment) with the next free ref (KR<n>.<k>). */
  async addKeyResult(k: NewKeyResult & { objective: string }, asOf: string, opts: WriteOptions = {}): Promise<KeyResult> {
    return this.serial(async () => {
      const objective = await this.resolveObjective(k.objective);
      const ws = await this.ws();
      const actor = this.allow(opts.actor, objective.team, `add a key result to ${objective.ref}`);
      const kr = buildKeyResult(placementFor(ws, objective), k, this.clock().toISOString(), asOf);
      if (opts.dryRun) return kr;
      await this.write(ws, { keyResults: [kr] }, this.auditEntry(actor, "add_key_result", kr.ref, kr.title));
      return (await this.keepRefsUnique({ objective: null, keyResults: [kr] }, actor)).keyResults[0]!;
    });
  }

  /** Changes a KR's title, target, owner or due date as a new revision (earlier ones stay in the
   *  store's history). Asking for what is already there writes nothing. */
  async updateKeyResult(query: string, changes: KeyResultChanges, opts: WriteOptions = {}): Promise<{ keyResult: KeyResult; changed: string[] }> {
    return this.serial(async () => {
      const kr = await this.resolveKeyResult(query);
      const ws = await this.ws();
      const entry = ws.entry(kr.id)!;
      const actor = this.allow(opts.actor, entry.objective.team, `change ${kr.ref}`);
      const { next, changed } = reviseKeyResult(kr, entry.cycle, changes, this.clock().toISOString());
      if (changed.length && !opts.dryRun) {
        const detail = changed.map((f) => `${f}: ${JSON.stringify(kr[f as keyof KeyResult])} → ${JSON.stringify(next[f as keyof KeyResult])}`).join("; ");
        await this.write(ws, { keyResults: [next] }, this.auditEntry(actor, "update_key_result", kr.ref, detail));
      }
      return { keyResult: changed.length ? next : kr, changed };
    });
  }

  /** Users are changed by admins only, one change at a time, each with its audit entry. */
  private changeUsers<R>(actor: Actor | undefined, what: string, change: (ws: Workspace, now: string) => UserChange<R>): Promise<R> {
    return this.serial(async () => {
      const who = this.allow(actor, null, what);
      const ws = await this.ws();
      const c = change(ws, this.clock().toISOString());
      if (c.user) await this.write(ws, { users: [c.user] }, this.auditEntry(who, c.action, c.target, c.detail));
      return c.result;
    });
  }

  /** A user with a personal token (returned once: only its hash is stored). */
  addUser(u: NewUser, opts: Pick<WriteOptions, "actor"> = {}): Promise<{ user: UserView; token: string }> {
    return this.changeUsers(opts.actor, "add users", (ws, now) => addingUser(ws, u, now));
  }

  /** Removes a user: their token stops working at once. Their check-ins and trail stay. */
  removeUser(name: string, opts: Pick<WriteOptions, "actor"> = {}): Promise<UserView> {
    return this.changeUsers(opts.actor, "remove users", (ws, now) => removingUser(ws, name, now));
  }

  /** Another role or other teams for a user; their token stays. */
  updateUser(name: string, change: { role?: string; teams?: readonly string[] }, opts: Pick<WriteOptions, "actor"> = {}): Promise<UserView> {
    return this.changeUsers(opts.actor, "change users", (ws, now) => changingUser(ws, name, change, now));
  }

  /** A new token for a user (a lost one): the old one stops working at once. */
  renewUserToken(name: string, opts: Pick<WriteOptions, "actor"> = {}): Promise<{ user: UserView; token: string }> {
    return this.changeUsers(opts.actor, "issue tokens", (ws, now) => renewingToken(ws, name, now));
  }

  async users(): Promise<UserView[]> {
    return [...(await this.ws()).users.values()]
      .filter((u) => !u.removedAt)
      .map(userView)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The current user holding this personal token (or with this id), with the secret their web
   *  sessions are signed with: derived from their token's hash, so a new token or a removal ends
   *  their sessions too. */
  async userSession(by: { token: string } | { id: string }): Promise<{ user: UserView; secret: string } | null> {
    const ws = await this.ws();
    const u = "token" in by ? ws.userByTokenHash(hashToken(by.token)) : ws.users.get(by.id);
    return u && !u.removedAt ? { user: userView(u), secret: u.tokenHash } : null;
  }

  /** Whether anyone has a personal token (then HTTP asks every caller for one). */
  async hasUsers(): Promise<boolean> {
    return (await this.ws()).hasUsers;
  }

  async auditTrail(limit?: number): Promise<AuditEntry[]> {
    return this.store.auditTrail(limit);
  }

  async search(text: string, limit = 10): Promise<SearchResult[]> {
    if (!text.trim()) throw new OkrError("invalid_input", "Give some words to search for, e.g. retention");
    const ws = await this.ws();
    const hits = await this.store.search(text, limit * 3);
    const out: SearchResult[] = [];
    const seen = new Set<string>();
    for (const h of hits) {
      const key = `${h.kind}:${h.entityId}:${h.text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const item = ws.objectives.get(h.entityId) ?? ws.keyResults.get(h.entityId);
      if (!item) continue;
      out.push({ kind: h.kind, ref: item.ref, title: item.title, text: h.text, score: h.score });
      if (out.length >= limit) break;
    }
    return out;
  }

  async exportDocument(): Promise<ExportDocument> {
    const ws = await this.ws();
    const [checkIns, corrections, audit] = await Promise.all([this.store.checkInsAsWritten(), this.store.corrections(), this.store.auditTrail()]);
    const { buildExport } = await import("../io/export-data.js");
    return buildExport({ cycles: ws.cycles.values(), objectives: ws.objectives.values(), keyResults: ws.keyResults.values(), checkIns, corrections, audit });
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    // After our own writes the workspace is the store's current state: leave it for the next
    // process to load at once (the store skips this when what it keeps is already current).
    const ws = this.workspace;
    if (ws?.exact) await this.store.offerSnapshot(ws.version, () => ws.toSnapshot());
    await this.store.close();
  }
}
