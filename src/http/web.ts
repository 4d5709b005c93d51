// The web workspace's server side: the built pages (dist/web, bundled at install time, nothing
// fetched from elsewhere), the JSON the pages read, and the tools the pages write through.
// POST /api/tools/:name runs the MCP tool itself, so a form gets the same validation, the same
// messages and the same dry-run as an agent does.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { Hono, type Context } from "hono";
import { TOOLS } from "../../tools/index.js";
import { tryParseDay } from "../domain/dates.js";
import { isOkrError, OkrError, type OkrErrorCode } from "../domain/errors.js";
import type { Status } from "../domain/types.js";
import type { McpOptions } from "../mcp/server.js";
import { callTool, toolContext, toolError, type ToolErrorContent } from "../mcp/tool.js";
import { actorOf } from "./session.js";
import type { OkrService } from "../service/okr-service.js";
import { toSlack } from "../service/summary.js";
import { fromTo } from "../agent/local/parse.js";
import type { ObjectiveView } from "../service/views.js";
import { projectRoot } from "../paths.js";

export interface WebOptions {
  service: OkrService;
  mcp: McpOptions;
  /** Whether POST /api/chat is served (a model is configured). */
  chat: boolean;
  /** Whether people sign in (a token is set, or users have theirs): the pages then offer to sign out. */
  signIn?: () => Promise<boolean>;
  /** The built pages; default dist/web of the project. */
  dir?: string;
}

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** The pages' paths: each answers with the one HTML shell; the script draws the page. */
export const PAGE_PATHS = ["/", "/kr/:ref", "/summary", "/draft"];
/** Objectives per overview page: a 40,000-KR workspace is paged, never drawn whole. */
export const OVERVIEW_PAGE_SIZE = 40;
export const MAX_LISTED_OWNERS = 200;
const STATUSES: readonly Status[] = ["off_track", "at_risk", "on_track", "completed"];

const HTTP_STATUS: Record<Exclude<OkrErrorCode, "internal">, 400 | 403 | 404 | 409 | 503> = {
  invalid_input: 400,
  ambiguous: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unavailable: 503,
};

function loadAssets(dir: string): Map<string, { body: Buffer; type: string }> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  if (!existsSync(dir)) return assets;
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const path = `/${rel.split("\\").join("/")}`;
    const type = TYPES[extname(rel)];
    // Only what the pages are served from: the MCP App views (mcp-apps/) are read by app-views.ts.
    if (type && (path === "/index.html" || path.startsWith("/assets/"))) assets.set(path, { body: readFileSync(join(dir, rel)), type });
  }
  return assets;
}

/** An expected failure as JSON with its status; anything else is a bug and goes to onError. */
function failure(c: Context, e: unknown) {
  if (isOkrError(e) && e.code !== "internal") {
    // The same { code, message, candidates?, details? } a tool's isError result carries.
    const { error } = toolError(e).structuredContent as unknown as ToolErrorContent;
    return c.json({ error }, HTTP_STATUS[error.code]);
  }
  throw e;
}

function asOfParam(c: Context, today: string): string {
  const raw = c.req.query("asOf");
  if (raw === undefined || raw === "") return today;
  if (tryParseDay(raw) === null) throw new OkrError("invalid_input", `asOf must be a date as YYYY-MM-DD, e.g. ${today}; got "${raw}".`);
  return raw;
}

/** Objectives in alignment order: each parent followed by its children (company → team). */
export function alignmentOrder(objectives: ObjectiveView[]): { objective: ObjectiveView; depth: number }[] {
  const byRef = new Map(objectives.map((o) => [o.ref, o]));
  const children = new Map<string, ObjectiveView[]>();
  const roots: ObjectiveView[] = [];
  for (const o of objectives) {
    if (o.parentRef && byRef.has(o.parentRef)) {
      const list = children.get(o.parentRef);
      if (list) list.push(o);
      else children.set(o.parentRef, [o]);
    } else roots.push(o);
  }
  const out: { objective: ObjectiveView; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (o: ObjectiveView, depth: number) => {
    if (seen.has(o.ref)) return; // a cycle in parent links must not loop forever
    seen.add(o.ref);
    out.push({ objective: o, depth });
    for (const child of children.get(o.ref) ?? []) walk(child, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  for (const o of objectives) if (!seen.has(o.ref)) walk(o, 0);
  return out;
}

export function webRoutes(o: WebOptions): Hono {
  const app = new Hono();
  const dir = o.dir ?? join(projectRoot(), "dist", "web");
  const assets = loadAssets(dir);
  const shell = assets.get("/index.html");
  const today = () => o.mcp.today();

  for (const path of PAGE_PATHS)
    app.get(path, (c) => {
      if (!shell) return c.text("The web app is not built: run `npm run build` (npm install does it), then reload.", 503);
      c.header("Cache-Control", "no-cache");
      return c.body(new Uint8Array(shell.body), 200, { "Content-Type": shell.type });
    });
  app.get("/assets/*", (c) => {
    const a = assets.get(c.req.path);
    if (!a) return c.json({ error: `No asset ${c.req.path}.` }, 404);
    c.header("Cache-Control", "no-cache");
    return c.body(new Uint8Array(a.body), 200, { "Content-Type": a.type });
  });

  app.get("/api/meta", async (c) => {
    const ws = await o.service.ws();
    const { name, role, teams: theirs } = actorOf(c, "web");
    const teams = new Set<string>();
    const owners = new Set<string>();
    for (const ob of ws.objectives.values()) {
      teams.add(ob.team);
      owners.add(ob.owner);
    }
    for (const k of ws.keyResults.values()) owners.add(k.owner);
    const sorted = (s: Set<string>) => [...s].filter(Boolean).sort((a, b) => a.localeCompare(b));
    const people = sorted(owners);
    return c.json({
      today: today(),
      version: o.mcp.version,
      // A viewer's pages are read-only too: the forms are off, rather than failing on submit.
      readOnly: o.mcp.readOnly || role === "viewer",
      chat: o.chat,
      signIn: o.signIn ? await o.signIn() : false,
      // Who is signed in (or the person at this machine): the pages say so, and hide what they cannot do.
      you: { name, role, teams: theirs },
      teams: sorted(teams),
      // A select lists at most MAX_LISTED_OWNERS people; past that the page asks for a name.
      owners: people.slice(0, MAX_LISTED_OWNERS),
      ownerCount: people.length,
      cycles: [...ws.cycles.values()].map((cy) => ({ name: cy.name, start: cy.start, end: cy.end })),
    });
  });

  app.get("/api/overview", async (c) => {
    try {
      const asOf = asOfParam(c, today());
      const team = c.req.query("team") || undefined;
      const owner = c.req.query("owner") || undefined;
      const status = c.req.query("status") || undefined;
      if (status && !STATUSES.includes(status as Status)) throw new OkrError("invalid_input", `status must be one of ${STATUSES.join(", ")}; got "${status}".`);
      const page = Math.max(1, Number.parseInt(c.req.query("page") ?? "1", 10) || 1);
      let objectives = await o.service.tree(asOf, team, { owner });
      if (status)
        objectives = objectives
          .filter((ob) => ob.keyResults.some((k) => k.status === status))
          .map((ob) => ({ ...ob, keyResults: ob.keyResults.filter((k) => k.status === status) }));
      const counts: Record<Status, number> = { off_track: 0, at_risk: 0, on_track: 0, completed: 0 };
      let krs = 0;
      for (const ob of objectives)
        for (const k of ob.keyResults) {
          counts[k.status]++;
          krs++;
        }
      const ordered = alignmentOrder(objectives);
      const pages = Math.max(1, Math.ceil(ordered.length / OVERVIEW_PAGE_SIZE));
      const rows = ordered.slice((Math.min(page, pages) - 1) * OVERVIEW_PAGE_SIZE, Math.min(page, pages) * OVERVIEW_PAGE_SIZE);
      const lagging = await o.service.lagging(asOf, { team, owner, limit: 5 });
      return c.json({
        asOf,
        totals: { objectives: objectives.length, keyResults: krs, byStatus: counts },
        page: Math.min(page, pages),
        pages,
        objectives: rows.map(({ objective, depth }) => ({ ...objective, depth })),
        lagging,
      });
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get("/api/key-results/:ref", async (c) => {
    try {
      return c.json(await o.service.keyResult(c.req.param("ref"), asOfParam(c, today())));
    } catch (e) {
      return failure(c, e);
    }
  });

  app.get("/api/summary", async (c) => {
    try {
      const lang = c.req.query("lang") === "vi" ? "vi" : "en";
      const w = await o.service.weeklySummary(asOfParam(c, today()), c.req.query("team") || undefined, lang);
      return c.json({
        asOf: w.asOf,
        weekStart: w.weekStart,
        team: w.team,
        summary: w.summary,
        // The same Slack text as `okr summary --format slack`, for the copy button.
        slack: toSlack(w.summary),
        facts: w.facts,
        grounded: w.grounding.grounded,
        // What the check could not trace, so the page can say which claim failed.
        unsupported: w.grounding.claims.filter((cl) => !cl.grounded).map((cl) => cl.text),
      });
    } catch (e) {
      return failure(c, e);
    }
  });

  // The drafting form's key-result lines read the way the agent reads them ("from 40% to 55%"); a
  // line without a range becomes a milestone (done / not done). The form shows what will be
  // written before anything is.
  app.post("/api/draft/key-results", async (c) => {
    let body: { lines?: unknown };
    try {
      body = await c.req.json();
    } catch {
      body = {};
    }
    if (!Array.isArray(body.lines) || body.lines.length > 10 || !body.lines.every((l) => typeof l === "string"))
      return c.json({ error: { code: "invalid_input", message: "lines must be a list of at most 10 key-result lines." } }, 400);
    const keyResults = (body.lines as string[])
      .map((l) => l.trim())
      .filter(Boolean)
      .map((title) => {
        const range = fromTo(title);
        return range ? { title, kind: "metric" as const, start: range.start, target: range.target, unit: range.unit } : { title, kind: "milestone" as const };
      });
    return c.json({ keyResults });
  });

  app.post("/api/tools/:name", async (c) => {
    const tool = TOOLS.find((t) => t.name === c.req.param("name"));
    if (!tool) return c.json({ error: { code: "not_found", message: `No tool ${c.req.param("name")}. Tools: ${TOOLS.map((t) => t.name).join(", ")}.` } }, 404);
    if (o.mcp.readOnly && !tool.annotations.readOnlyHint)
      return c.json({ error: { code: "invalid_input", message: `This server is read-only (OKR_READ_ONLY): ${tool.name} is not available.` } }, 403);
    let args: unknown;
    try {
      args = await c.req.json();
    } catch {
      return c.json({ error: { code: "invalid_input", message: `Send the arguments of ${tool.name} as a JSON object.` } }, 400);
    }
    const r = await callTool(tool, args, toolContext(o.service, { today, author: o.mcp.author }, actorOf(c, "web")));
    const text = r.content.map((p) => (p.type === "text" ? p.text : "")).join("\n");
    if (r.isError) {
      const { error } = r.structuredContent as unknown as ToolErrorContent;
      return c.json({ error, text }, HTTP_STATUS[error.code] ?? 400);
    }
    return c.json({ data: r.structuredContent, text });
  });

  return app;
}
