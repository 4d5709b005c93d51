// Refs stay unique when several writers share a workspace (two servers on one folder or bucket):
// each plans the next free ref on what it has read, so two can commit the same O10 at once. A
// writer that finds, after its commit, another objective or KR holding one of the refs it just
// created moves its own to the next free ref, as a new revision (history keeps the first).

import { nextKrRef, nextObjectiveRef, normalizeRef } from "../domain/refs.js";
import type { KeyResult, Objective } from "../domain/types.js";
import type { WriteBatch } from "../store/store.js";
import type { Workspace } from "./workspace.js";

export interface Created {
  objective: Objective | null;
  keyResults: KeyResult[];
}

/** The revisions that give the created entities free refs, or null when none clashes. A renamed
 *  objective takes its new KRs along (KR<n>.k follows O<n>). */
export function renameClashes(ws: Workspace, created: Created, now: string): { batch: WriteBatch; created: Created } | null {
  const objectiveClash =
    created.objective !== null && [...ws.objectives.values()].some((o) => o.id !== created.objective!.id && normalizeRef(o.ref) === normalizeRef(created.objective!.ref));
  const krClash = (k: KeyResult) => [...ws.keyResults.values()].some((x) => x.id !== k.id && normalizeRef(x.ref) === normalizeRef(k.ref));
  if (!objectiveClash && !created.keyResults.some(krClash)) return null;
  const objective = objectiveClash ? { ...created.objective!, ref: nextObjectiveRef([...ws.objectives.values()].map((o) => o.ref)), updatedAt: now } : created.objective;
  const ours = new Set(created.keyResults.map((k) => k.id));
  const taken = [...ws.keyResults.values()].filter((k) => !ours.has(k.id)).map((k) => k.ref);
  const keyResults = created.keyResults.map((k) => {
    if (!objectiveClash && !krClash(k)) {
      taken.push(k.ref);
      return k;
    }
    const parentRef = objectiveClash ? objective!.ref : (ws.objectives.get(k.objectiveId)?.ref ?? k.ref.replace(/^KR(\d+)\..*$/i, "O$1"));
    const ref = nextKrRef(parentRef, taken);
    taken.push(ref);
    return { ...k, ref, updatedAt: now };
  });
  const batch: WriteBatch = {
    ...(objectiveClash ? { objectives: [objective!] } : {}),
    keyResults: keyResults.filter((k, i) => k !== created.keyResults[i]),
  };
  return { batch, created: { objective, keyResults } };
}
