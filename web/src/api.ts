// What the pages read from the server (GET /api/…) and how they write: through the MCP tools
// themselves (POST /api/tools/:name), so a form gets the tool's own validation and messages.

import type { Status } from "./i18n";

// The rows and details are the server's own view types (type-only: nothing of the server is bundled).
import type { KrDetail as ServerKrDetail, KrRow, LaggingRow, ObjectiveView } from "../../src/service/views";
import type { Fact } from "../../src/service/weekly";

export type { Fact, KrRow, LaggingRow };
export type ObjectiveRow = ObjectiveView & { depth: number };
export interface Overview {
  asOf: string;
  totals: { objectives: number; keyResults: number; byStatus: Record<Status, number> };
  page: number;
  pages: number;
  objectives: ObjectiveRow[];
  lagging: LaggingRow[];
}
export interface Meta {
  today: string;
  version: string;
  readOnly: boolean;
  chat: boolean;
  /** A token is set: the person signed in at /login and may sign out. */
  signIn: boolean;
  /** Who the server takes the person for: a user with a personal token, or an admin. */
  you: { name: string; role: "viewer" | "member" | "admin"; teams: string[] };
  teams: string[];
  /** Everyone who owns an objective or KR, when there are few enough to list (see ownerCount). */
  owners: string[];
  ownerCount: number;
  cycles: { name: string; start: string; end: string }[];
}
export type KrDetail = ServerKrDetail;
export interface Summary {
  asOf: string;
  weekStart: string;
  team: string | null;
  summary: string;
  slack: string;
  facts: Fact[];
  grounded: boolean;
  unsupported: string[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The CSRF token the server set in a readable cookie; sent back in a header on every write. */
function csrfToken(): string {
  const m = /(?:^|;\s*)okr_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : "";
}
export function writeHeaders(): Record<string, string> {
  return { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() };
}

async function parse<T>(res: Response): Promise<T> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The server answered ${res.status} without JSON.`, "internal", res.status);
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } | string }).error;
    const message = typeof err === "string" ? err : (err?.message ?? `The server answered ${res.status}.`);
    throw new ApiError(message, typeof err === "object" && err?.code ? err.code : "internal", res.status);
  }
  return body as T;
}

export async function getJson<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return parse<T>(await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } }));
}

/** Runs an MCP tool; an expected failure (bad value, unknown KR…) throws ApiError with the tool's message. */
export async function callTool<T>(name: string, args: Record<string, unknown>): Promise<{ data: T; text: string }> {
  return parse(await fetch(`/api/tools/${name}`, { method: "POST", headers: writeHeaders(), body: JSON.stringify(args) }));
}

export async function signOut(): Promise<void> {
  await fetch("/logout", { method: "POST", headers: writeHeaders() });
  location.assign("/login");
}

/** Tells every page that stored data changed (a form or an approved chat write). */
export const DATA_CHANGED = "okr-data-changed";
export function announceChange(): void {
  window.dispatchEvent(new Event(DATA_CHANGED));
}
