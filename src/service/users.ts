// Users and their personal tokens: building the records okr users writes. A token is 32 random
// bytes, shown once; only its SHA-256 is stored. A fast hash is enough for a secret with 256 bits
// of entropy (nothing to brute-force, unlike a password), and it lets a request be matched in one
// map lookup.

import { createHash, randomBytes, randomUUID } from "node:crypto";
import { OkrError, invalidInput } from "../domain/errors.js";
import { acceptText } from "../domain/text.js";
import { matchTeam } from "../domain/teams.js";
import { ROLES, type Role, type User } from "../domain/types.js";
import type { Workspace } from "./workspace.js";

export const TOKEN_PREFIX = "okr_";

export const hashToken = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");

const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString("base64url");

/** A user as shown (lists, JSON): never the token hash. */
export type UserView = Omit<User, "tokenHash">;
export const userView = ({ id, name, role, teams, createdAt, updatedAt, removedAt }: User): UserView => ({ id, name, role, teams, createdAt, updatedAt, removedAt });

export interface NewUser {
  name: string;
  role: string;
  teams?: readonly string[];
}

/** The teams as the workspace spells them; a member needs at least one, and each must exist. */
function teamsFor(ws: Workspace, role: Role, typed: readonly string[]): string[] {
  if (role !== "member") {
    if (typed.length)
      throw invalidInput(`--team is for members: a ${role} ${role === "admin" ? "writes every team's OKRs" : "writes nothing"}. Leave it out, or use --role member.`);
    return [];
  }
  if (!typed.length) throw invalidInput("A member writes only their teams' OKRs: give at least one --team, e.g. --team Sales.");
  const known = ws.teams();
  return [
    ...new Set(
      typed.map((t) => {
        const team = matchTeam(t, known);
        if (!team) throw invalidInput(`No team "${t}" in this workspace. Teams: ${known.length ? known.join(", ") : "none yet (create an objective for the team first)"}.`);
        return team;
      }),
    ),
  ];
}

export function buildUser(ws: Workspace, u: NewUser, now: string): { user: User; token: string } {
  const name = acceptText(u.name, "name", "The user name", invalidInput).trim();
  if (!name) throw invalidInput("Give the user a name, e.g. okr users add ana --role member --team Sales.");
  if (!ROLES.includes(u.role as Role)) throw invalidInput(`role must be one of ${ROLES.join(", ")}; got "${u.role}".`);
  const role = u.role as Role;
  if (/^okr_http_token$/i.test(name)) throw invalidInput("OKR_HTTP_TOKEN names the shared admin token in the audit trail: give the user another name.");
  if (ws.userByName(name))
    throw new OkrError("conflict", `There is already a user ${name}: okr users token ${name} gives them a new token, okr users remove ${name} removes them.`);
  const token = newToken();
  const user: User = { id: randomUUID(), name, role, teams: teamsFor(ws, role, u.teams ?? []), tokenHash: hashToken(token), createdAt: now, updatedAt: now, removedAt: null };
  return { user, token };
}

export function findUser(ws: Workspace, name: string): User {
  const user = ws.userByName(name);
  if (user) return user;
  const names = [...ws.users.values()].filter((u) => !u.removedAt).map((u) => u.name);
  throw new OkrError("not_found", `No user ${name}. Users: ${names.length ? names.join(", ") : "none yet"}.`);
}

/** The same user with another role or teams (a member's teams replaced by `teams` when given). */
export function reviseUser(ws: Workspace, user: User, change: { role?: string; teams?: readonly string[] }, now: string): User {
  if (change.role !== undefined && !ROLES.includes(change.role as Role)) throw invalidInput(`role must be one of ${ROLES.join(", ")}; got "${change.role}".`);
  const role = (change.role as Role | undefined) ?? user.role;
  const teams = role !== "member" ? teamsFor(ws, role, change.teams ?? []) : teamsFor(ws, role, change.teams ?? user.teams);
  return { ...user, role, teams, updatedAt: now };
}

/** The same user with a new token: the old one stops working at once. */
export function renewToken(user: User, now: string): { user: User; token: string } {
  const token = newToken();
  return { user: { ...user, tokenHash: hashToken(token), updatedAt: now }, token };
}
