// `okr users`: the people who reach the workspace over HTTP, each with a personal token and a role;
// `okr audit`: who wrote what, when, through which surface.

import { OkrError } from "../../domain/errors.js";
import type { AuditEntry } from "../../domain/types.js";
import type { UserView } from "../../service/users.js";
import { wholeNumber } from "../args.js";
import type { CommandContext, CommandSpec } from "../command.js";

const roleOf = (u: UserView) => `${u.role}${u.teams.length ? ` (${u.teams.join(", ")})` : ""}`;

function printToken(ctx: CommandContext, user: UserView, token: string, what: string): void {
  if (ctx.json) return ctx.out(JSON.stringify({ user, token }, null, 2));
  ctx.out(`${what} ${user.name}, ${roleOf(user)}.`);
  ctx.out(`Token (shown once; only its hash is stored): ${token}`);
  ctx.out(`They send it as Authorization: Bearer <token> (MCP clients) or sign in with it at /login (the web app).`);
}

export const usersCommand: CommandSpec = {
  name: "users",
  summary: "People who reach the workspace over HTTP: personal tokens with a role (viewer, member, admin).",
  usage: "okr users [list] | add NAME --role viewer|member|admin [--team T]… | set NAME [--role R] [--team T]… | remove NAME | token NAME",
  description:
    "Viewers read; members write their teams' OKRs (check-ins, corrections, KRs, objectives); admins write\n" +
    "everything. Each user gets a personal token, shown once and stored only as a hash; over HTTP (MCP, the web\n" +
    "app, /api/chat) it identifies them, and they are the author of what they write. Once anyone has a token,\n" +
    "every HTTP caller needs one (or OKR_HTTP_TOKEN, which stays one admin token). The CLI on this machine acts\n" +
    "as an admin. `okr users set NAME` changes a role or a member's teams (--team replaces the list; the token\n" +
    "stays). `okr users token NAME` replaces a lost token; `okr users remove NAME` revokes it.",
  options: {
    role: { type: "string", description: "viewer, member or admin (with add)", placeholder: "ROLE" },
    team: { type: "string", multiple: true, description: "a team a member writes to (repeat for several)", placeholder: "T" },
  },
  examples: [
    "okr users add ana --role member --team Sales",
    "okr users add lee --role viewer",
    "okr users set ana --team Sales --team Marketing",
    "okr users",
    "okr users token ana",
    "okr users remove ana",
  ],
  async run(ctx, { values, positionals }) {
    const [sub = "list", ...rest] = positionals;
    const name = rest.join(" ").trim();
    const service = await ctx.service();
    const needName = (example: string) => {
      if (!name) throw new OkrError("invalid_input", `Say which user: ${example}`);
    };
    if (sub === "add") {
      needName("okr users add ana --role member --team Sales");
      if (values.role === undefined) throw new OkrError("invalid_input", "Give a role: --role viewer (reads), member (writes their --team's OKRs) or admin (everything).");
      const { user, token } = await service.addUser({ name, role: values.role as string, teams: (values.team as string[] | undefined) ?? [] });
      return printToken(ctx, user, token, "Added");
    }
    if (sub === "set") {
      needName("okr users set ana --role member --team Sales");
      const teams = values.team as string[] | undefined;
      if (values.role === undefined && teams === undefined) throw new OkrError("invalid_input", "Say what changes: --role viewer|member|admin, or --team T (repeat for several).");
      const user = await service.updateUser(name, { role: values.role as string | undefined, teams });
      if (ctx.json) return ctx.out(JSON.stringify(user, null, 2));
      return ctx.out(`${user.name} is now ${roleOf(user)}. Their token stays the same.`);
    }
    if (sub === "token") {
      needName("okr users token ana");
      const { user, token } = await service.renewUserToken(name);
      return printToken(ctx, user, token, "New token for");
    }
    if (sub === "remove") {
      needName("okr users remove ana");
      const user = await service.removeUser(name);
      if (ctx.json) return ctx.out(JSON.stringify({ removed: user }, null, 2));
      return ctx.out(`Removed ${user.name}: their token no longer works. What they wrote stays, with their name.`);
    }
    if (sub !== "list") throw new OkrError("invalid_input", `Unknown okr users command "${sub}": use list, add, set, remove or token (see okr users --help).`);
    const users = await service.users();
    if (ctx.json) return ctx.out(JSON.stringify(users, null, 2));
    if (!users.length) return ctx.out("No users yet: okr users add NAME --role viewer|member|admin [--team T] gives someone a token.");
    const width = Math.max(4, ...users.map((u) => u.name.length));
    ctx.out(`${"name".padEnd(width)}  role`);
    for (const u of users) ctx.out(`${u.name.padEnd(width)}  ${roleOf(u)}`);
  },
};

export const auditCommand: CommandSpec = {
  name: "audit",
  summary: "The audit trail: who wrote what, when, and through which surface (cli, mcp-http, web…).",
  usage: "okr audit [--limit N] [--json]",
  description: "Every write leaves one entry, stored in the same commit as what it wrote. `okr export` includes the whole trail.",
  options: { limit: { type: "string", description: "show the last N entries (default 50)", placeholder: "N" } },
  examples: ["okr audit", "okr audit --limit 200 --json"],
  async run(ctx, { values }) {
    const limit = wholeNumber(values.limit as string | undefined, "--limit", { min: 1, max: 1_000_000, example: 50 }) ?? 50;
    const trail: AuditEntry[] = await (await ctx.service()).auditTrail(limit);
    if (ctx.json) return ctx.out(JSON.stringify(trail, null, 2));
    if (!trail.length) return ctx.out("No writes recorded yet.");
    for (const a of trail)
      ctx.out(`${a.at.slice(0, 19).replace("T", " ")}  ${a.actor} (${a.role}, ${a.surface})  ${a.action}${a.target ? ` ${a.target}` : ""}${a.detail ? `: ${a.detail}` : ""}`);
  },
};
