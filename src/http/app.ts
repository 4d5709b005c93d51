// The HTTP app (Hono): MCP over Streamable HTTP at /mcp (stateless: each request served by an MCP
// server no other request holds, see mcp-pool.ts, over the shared service), GET /healthz, the web
// workspace (pages and the /api routes they read), and POST /api/chat.

import { randomBytes, randomUUID } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMcpServer, type McpOptions } from "../mcp/server.js";
import type { OkrService } from "../service/okr-service.js";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import type { KrDirectory } from "../agent/local/understand.js";
import { chatRoute } from "./chat-route.js";
import { hostGuard } from "./guards.js";
import { accessGuard, actorOf, loginRoutes } from "./session.js";
import { webRoutes } from "./web.js";
import { McpServerPool } from "./mcp-pool.js";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpOptions {
  service: OkrService;
  mcp: McpOptions;
  /** The address the server listens on: decides which Host headers are accepted. */
  bindHost: string;
  token: string | null;
  /** The agent's model for POST /api/chat (resolved per request; errors become 400s). */
  model?: (lookup?: KrDirectory) => LanguageModelV3;
  /** Signs /api/chat's approval requests; default: a random secret for this server's lifetime. */
  approvalSecret?: string | null;
  /** The built web pages; default dist/web. */
  webDir?: string;
}

export function createHttpApp(o: HttpOptions): Hono {
  const app = new Hono();
  app.use("*", hostGuard(o.bindHost));
  const access = { token: o.token, service: o.service, author: o.mcp.author };
  app.use("*", accessGuard(access));
  // The rest of an oversized body is never read, so the connection cannot carry another request:
  // say so (Connection: close), or the client's next request on it fails.
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `Request body over ${MAX_BODY_BYTES} bytes.` }, 413, { Connection: "close" }) });
  // An MCP message of a declared size within the limit is read by /mcp itself (see mcp-pool.ts):
  // the middleware would open the body as a stream just to look at its length.
  app.use("*", (c, next) => {
    const length = c.req.header("content-length");
    const small = length !== undefined && !c.req.header("transfer-encoding") && Number(length) <= MAX_BODY_BYTES;
    return small && c.req.method === "POST" && c.req.path === "/mcp" ? next() : limit(c, next);
  });

  app.get("/healthz", async (c) => {
    const objectives = (await o.service.ws()).objectives.size;
    return c.json({ status: "ok", version: o.mcp.version, readOnly: o.mcp.readOnly, objectives });
  });

  const mcp = new McpServerPool(() => createMcpServer(o.service, { ...o.mcp, actor: "per-request" }), MAX_BODY_BYTES);
  app.post("/mcp", (c) => mcp.handle(c.req.raw, actorOf(c, "mcp-http")));
  // Stateless server: no server-initiated stream to open and no session to end.
  app.on(["GET", "DELETE"], "/mcp", (c) => c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: POST JSON-RPC messages to /mcp." }, id: null }, 405));

  if (o.model) app.post("/api/chat", chatRoute({ service: o.service, mcp: o.mcp, model: o.model, approvalSecret: o.approvalSecret || randomBytes(32) }));

  app.route("/", loginRoutes(access));
  const signIn = async () => o.token !== null || (await o.service.hasUsers());
  app.route("/", webRoutes({ service: o.service, mcp: o.mcp, chat: Boolean(o.model), signIn, dir: o.webDir }));

  app.notFound((c) => c.json({ error: `No route ${c.req.method} ${c.req.path}. Open / for the web workspace, POST /mcp for MCP, GET /healthz.` }, 404));
  // A bug's message can carry paths and internals: the client gets an id to quote, the server's log
  // (stderr) the detail under the same id.
  app.onError((e, c) => {
    const id = randomUUID().slice(0, 8);
    process.stderr.write(`okr: internal error ${id} on ${c.req.method} ${c.req.path}: ${e.stack ?? e.message}\n`);
    return c.json({ error: `Internal error (id ${id}): the server's log has the details.`, id }, 500);
  });
  return app;
}
