// How statuses and counts read in English text for people (the CLI and the MCP tools' text copies);
// JSON and structuredContent keep the enums.

import type { Status } from "./types.js";

export const STATUS_TEXT: Record<Status, string> = {
  completed: "completed",
  on_track: "on track",
  at_risk: "at risk",
  off_track: "off track",
};

/** "off track" for off_track; "-" when there is no status (an objective without KRs). */
export function statusText(s: Status | null | undefined): string {
  return s ? STATUS_TEXT[s] : "-";
}

/** A count with its noun in the right number: "1 objective", "2 objectives", "1 check-in".
 *  `plural` is for nouns that do not just add an s. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}
