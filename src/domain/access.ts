// Who may write what: viewers read, members write their teams' OKRs, admins everything. Pure: the
// service asks before every write (dry runs too, so a preview fails the way the write would).

import { OkrError } from "./errors.js";
import type { Role, Surface } from "./types.js";

/** The caller of a use case. */
export interface Actor {
  /** A user's name, or what an unnamed caller is known by (the local author, "OKR_HTTP_TOKEN"). */
  name: string;
  role: Role;
  /** A member's teams. */
  teams: readonly string[];
  surface: Surface;
  /** A user identified by a personal token: their name is the author of what they write, whatever
   *  a call says. False for the local CLI and the shared admin token, which may name an author. */
  identified: boolean;
}

/** The person at this machine's CLI or stdio MCP server: whoever can open the data folder can
 *  change it anyway, so they act as an admin. */
export const localActor = (name: string, surface: Surface): Actor => ({ name, role: "admin", teams: [], surface, identified: false });

const sameName = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/** A name as typed on a command line. */
const arg = (s: string) => (/^[\w.@-]+$/.test(s) ? s : JSON.stringify(s));

/** Why `actor` may not make a write to `team`'s OKRs (`what` says which, e.g. "log a check-in on
 *  KR2.1"), or null when they may. `team` null means an admin-only write (users, cycles, imports). */
export function writeRefusal(actor: Actor, team: string | null, what: string): OkrError | null {
  if (actor.role === "admin") return null;
  if (actor.role === "viewer")
    return new OkrError(
      "forbidden",
      `${actor.name} is a viewer: viewers can read OKRs but not ${what}. An admin can change that: okr users set ${arg(actor.name)} --role member --team TEAM.`,
    );
  if (team === null) return new OkrError("forbidden", `Only an admin can ${what}; ${actor.name} is a member.`);
  // Case and spacing aside, exactly their team: two teams whose names differ only by accents stay two.
  const t = sameName(team);
  if (actor.teams.some((m) => sameName(m) === t)) return null;
  const theirs = actor.teams.length ? `the ${actor.teams.join(", ")} team${actor.teams.length > 1 ? "s" : ""}` : "no team";
  const fix = [...actor.teams, team].map((x) => `--team ${arg(x)}`).join(" ");
  return new OkrError(
    "forbidden",
    `${actor.name} is a member of ${theirs}, so cannot ${what}, which belongs to ${team}. An admin can change that: okr users set ${arg(actor.name)} ${fix}.`,
  );
}
