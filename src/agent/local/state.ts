// What the local model is waiting for after an answer, carried as data with that answer (the text
// part's provider metadata, which the AI SDK keeps in the conversation), not re-read from its prose.

import type { Draft } from "./draft.js";
import type { ToolCallPlan, View } from "./reads.js";

export type Pending =
  /** A draft objective awaiting "yes" (and maybe the team). */
  | { kind: "draft"; draft: Draft }
  /** A write held back (a value that does not fit its KR): "yes" makes it, a number replaces it. */
  | { kind: "confirm"; calls: ToolCallPlan[] }
  /** A choice among candidates for one argument of these calls. */
  | { kind: "pick"; slot: "keyResult" | "objective"; candidates: { ref: string; title: string }[]; calls: ToolCallPlan[] }
  /** A question about this request: the answer is read together with it (`pick`: a ref is expected). */
  | { kind: "redo"; text: string; pick: boolean; candidates?: { ref: string; title: string }[] };

/** The provider-metadata key the local model keeps its state under. */
export const STATE_KEY = "okrLocal";

export interface LocalState {
  pending?: Pending;
  view?: View;
  /** A question to say after the answer to the reads it came with. */
  ask?: string;
  /** Reads asked after a write in the same message ("move the target to 75% and tell me where that
   *  leaves it"): made once the writes are done, so they see them. */
  then?: ToolCallPlan[];
  /** Marks the calls that are those later reads. */
  deferred?: boolean;
}

/** The state kept on a message part's providerOptions / providerMetadata, if it is ours. */
export function readState(meta: unknown): LocalState | null {
  const s = (meta as Record<string, unknown> | undefined)?.[STATE_KEY];
  return s && typeof s === "object" ? (s as LocalState) : null;
}

export function stateMetadata(state: LocalState): Record<string, Record<string, never>> {
  return { [STATE_KEY]: state as unknown as Record<string, never> };
}
