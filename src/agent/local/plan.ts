// What understanding a message yields: tool calls (with the view their answer uses, and maybe a
// question about another part of the message), or something to say (with what we then wait for).

import type { ToolCallPlan, View } from "./reads.js";
import type { Pending } from "./state.js";

export type Plan =
  /** `ask`: a question about another part of the message, said after the answer to these reads. */
  /** `weak`: only the nearest read, for a message that asked nothing we recognise. */
  | { kind: "tools"; calls: ToolCallPlan[]; view?: View; ask?: { text: string; pending: Pending }; weak?: boolean }
  | { kind: "text"; text: string; pending?: Pending; help?: boolean };

/** The tools that write: each waits for the person's approval. */
export const WRITE_TOOLS = new Set(["log_check_in", "correct_check_in", "update_key_result", "create_objective", "add_key_result"]);

export const tools = (calls: ToolCallPlan[], view?: View): Plan => ({ kind: "tools", calls, ...(view ? { view } : {}) });
/** What the agent can do: said when a message (or a part of one) matched nothing. */
export const help = (t: string): Plan => ({ kind: "text", text: t, help: true });
export const text = (t: string, pending?: Pending): Plan => ({ kind: "text", text: t, ...(pending ? { pending } : {}) });
