// Users and their personal tokens: building the records okr users writes. A token is 32 random
// bytes, shown once; only its SHA-256 is stored. A fast hash is enough for a secret with 256 bits
// of entropy (nothing to brute-force, unlike a password), and it lets a request be matched in one
// map lookup.

import { createHash, randomBytes } from "node:crypto";
import { newId } from "./ids.js";
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

/** A typed role, or the one-line refusal. */
function roleOf(typed: string): Role {
  if (!ROLES.includes(typed as Role)) throw invalidInput(`role must be one of ${ROLES.join(", ")}; got "${typed}".`);
  return typed as Role;
}

/** "member of Sales, Product", as the audit trail says it. */
const roleText = (u: Pick<User, "role" | "teams">) => `${u.role}${u.teams.length ? ` of ${u.teams.join(", ")}` : ""}`;

function findUser(ws: Workspace, name: string): User {
  const user = ws.userByName(name);
  if (user) return user;
  const names = [...ws.users.values()].filter((u) => !u.removedAt).map((u) => u.name);
  throw new OkrError("not_found", `No user ${name}. Users: ${names.length ? names.join(", ") : "none yet"}.`);
}

/** One change to the users: the revision to store (none when nothing changes), what the audit trail
 *  says of it, and what the caller gets back. */
export interface UserChange<R> {
  user: User | null;
  action: string;
  target: string;
  detail: string;
  result: R;
}

/** A new user with a token of their own (in the result, once: only its hash is stored). */
export function addingUser(ws: Workspace, u: NewUser, now: string): UserChange<{ user: UserView; token: string }> {
  const name = acceptText(u.name, "name", "The user name", invalidInput);
  if (!name) throw invalidInput("Give the user a name, e.g. okr users add ana --role member --team Sales.");
  const role = roleOf(u.role);
  if (/^okr_http_token$/i.test(name)) throw invalidInput("OKR_HTTP_TOKEN names the shared admin token in the audit trail: give the user another name.");
  if (ws.userByName(name))
    throw new OkrError("conflict", `There is already a user ${name}: okr users token ${name} gives them a new token, okr users remove ${name} removes them.`);
  const token = newToken();
  const user: User = { id: newId(), name, role, teams: teamsFor(ws, role, u.teams ?? []), tokenHash: hashToken(token), createdAt: now, updatedAt: now, removedAt: null };
  return { user, action: "add_user", target: name, detail: roleText(user), result: { user: userView(user), token } };
}

/** The user removed: their token stops working at once. */
export function removingUser(ws: Workspace, name: string, now: string): UserChange<UserView> {
  const user = { ...findUser(ws, name), removedAt: now, updatedAt: now };
  return { user, action: "remove_user", target: user.name, detail: user.role, result: userView(user) };
}

/** The user with another role or teams (a member's teams replaced by `teams` when given); nothing
 *  to store when both are as they were. */
export function changingUser(ws: Workspace, name: string, change: { role?: string; teams?: readonly string[] }, now: string): UserChange<UserView> {
  const old = findUser(ws, name);
  const role = change.role === undefined ? old.role : roleOf(change.role);
  const teams = teamsFor(ws, role, change.teams ?? (role === "member" ? old.teams : []));
  const user = { ...old, role, teams, updatedAt: now };
  const [was, is] = [roleText(old), roleText(user)];
  return { user: was === is ? null : user, action: "change_user", target: user.name, detail: `${was} → ${is}`, result: userView(user) };
}

/** The same user with a new token: the old one stops working at once. */
export function renewingToken(ws: Workspace, name: string, now: string): UserChange<{ user: UserView; token: string }> {
  const token = newToken();
  const user = { ...findUser(ws, name), tokenHash: hashToken(token), updatedAt: now };
  return { user, action: "new_user_token", target: user.name, detail: "the old token no longer works", result: { user: userView(user), token } };
}
