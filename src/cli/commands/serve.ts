// `okr serve`: the MCP server over stdio (desktop clients) or Streamable HTTP (Hono).

import v8 from "node:v8";
import { OkrError } from "../../domain/errors.js";
import type { KrDirectory } from "../../agent/local/understand.js";
import type { McpOptions } from "../../mcp/server.js";
import { projectVersion } from "../../paths.js";
import { wholeNumber } from "../args.js";
import type { CommandContext, CommandSpec } from "../command.js";

export const DEFAULT_PORT = 8787;
/** A server leaves its workspace as the snapshot okr commands beside it load, this long after its last write. */
export const IDLE_SNAPSHOT_MS = 5_000;

export function mcpOptions(ctx: CommandContext): McpOptions {
  return { readOnly: ctx.config.readOnly, today: ctx.config.today, author: ctx.config.author, version: projectVersion() };
}

/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM). */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => () => resolve(signal);
    process.once("SIGINT", stop("SIGINT"));
    process.once("SIGTERM", stop("SIGTERM"));
  });
}

export function parsePort(text: string | undefined): number {
  return wholeNumber(text, "--port", { min: 0, max: 65535, example: DEFAULT_PORT }) ?? DEFAULT_PORT;
}

/** Serves until stopped; `announce` tells the person where, once listening. */
export async function serveHttp(ctx: CommandContext, host: string, port: number, announce: (url: string) => void): Promise<void> {
  serverHeap(); // okr start comes here too
  // The MCP SDK and Hono load only when serving: every other command starts faster without them.
  const { listen } = await import("../../http/listen.js");
  const { resolveModel } = await import("../../agent/models.js");
  const model = (lookup?: KrDirectory) => resolveModel(ctx.config.model, { apiKey: ctx.config.openaiApiKey, baseUrl: ctx.config.openaiBaseUrl }, lookup);
  const service = await ctx.service();
  service.snapshotWhenIdle(IDLE_SNAPSHOT_MS);
  await service.prepareForServing();
  if (!ctx.config.readOnly) await service.store.prepareForWrites();
  const server = await listen({
    service,
    mcp: mcpOptions(ctx),
    bindHost: host,
    token: ctx.config.httpToken,
    port,
    model,
    approvalSecret: ctx.config.approvalSecret,
  });
  announce(server.url);
  const signal = await untilStopped();
  ctx.err(`${signal}: stopping…`);
  await server.close();
}

/** A server lives long and makes garbage with every request, some of which outlives a young-
 *  generation collection (Node 20's web streams and abort signals keep theirs alive) and waits in
 *  the old generation for the next full one. By default V8 lets the old generation grow up to
 *  several times what is live before it collects: a server at 40,000 KRs went from 277 to 320 MB
 *  over 1,000 check-ins, all of it garbage. Growing it by 10% at a time keeps it near what is
 *  live (248 → 277 MB, the rest LanceDB's first commit) for a full collection every few hundred
 *  requests, mostly on a background thread. V8 reads this flag at every full collection, so
 *  setting it now, before the workspace loads, is the same as passing it to node. */
function serverHeap(): void {
  v8.setFlagsFromString("--heap-growing-percent=10");
}

export const serveCommand: CommandSpec = {
  name: "serve",
  summary: "Run the MCP server: --stdio for desktop clients, --http for Streamable HTTP at /mcp.",
  usage: "okr serve --stdio | --http [--port 8787] [--host 127.0.0.1] [--read-only]",
  description:
    "stdio: nothing but protocol on stdout, logs on stderr. HTTP: the web workspace at /, POST /mcp (stateless\n" +
    "Streamable HTTP), GET /healthz. With OKR_HTTP_TOKEN set, programs send Authorization: Bearer <token> and\n" +
    "people sign in at /login with the token; listening on a non-loopback host requires it. --read-only (or OKR_READ_ONLY=1) registers only the read-only tools.",
  options: {
    stdio: { type: "boolean", description: "serve over standard input/output" },
    http: { type: "boolean", description: "serve Streamable HTTP" },
    port: { type: "string", description: `HTTP port (default ${DEFAULT_PORT}; 0 = any free port)`, placeholder: "N" },
    host: { type: "string", description: "HTTP address to listen on (default 127.0.0.1)", placeholder: "H" },
    "read-only": { type: "boolean", description: "only the read-only tools" },
    model: { type: "string", short: "m", description: "model for POST /api/chat (default: $OKR_MODEL or local)", placeholder: "M" },
  },
  examples: ["okr serve --stdio", "okr serve --http --port 8787", "OKR_HTTP_TOKEN=$(openssl rand -hex 32) okr serve --http --host 0.0.0.0"],
  async run(ctx, { values }) {
    serverHeap();
    if (values.stdio === values.http) throw new OkrError("invalid_input", "Pick one transport: okr serve --stdio or okr serve --http (see okr serve --help).");
    if (values.stdio) {
      const [{ StdioUntilEnd }, { createMcpServer }] = await Promise.all([import("../../mcp/stdio.js"), import("../../mcp/server.js")]);
      const service = await ctx.service();
      service.snapshotWhenIdle(IDLE_SNAPSHOT_MS);
      await service.prepareForServing();
      if (!ctx.config.readOnly) await service.store.prepareForWrites();
      const server = createMcpServer(service, mcpOptions(ctx));
      const transport = new StdioUntilEnd();
      const closed = new Promise<void>((resolve) => (server.server.onclose = resolve));
      await server.connect(transport);
      ctx.err(`okr MCP server on stdio (data ${ctx.config.dataDir}${ctx.config.readOnly ? ", read-only" : ""})`);
      // Ends when the client closes stdin (the normal way: exit 0 once every request is answered),
      // when the transport closes, or on a signal.
      await Promise.race([transport.ended, closed, untilStopped()]);
      await server.close();
      return;
    }
    const host = (values.host as string | undefined) ?? "127.0.0.1";
    const users = (await (await ctx.service()).users()).length;
    await serveHttp(ctx, host, parsePort(values.port as string | undefined), (url) => {
      const access = [ctx.config.httpToken && "OKR_HTTP_TOKEN", users && `${users} user token${users > 1 ? "s" : ""}`].filter(Boolean).join(" or ");
      ctx.err(`okr MCP server on ${url} (data ${ctx.config.dataDir}${ctx.config.readOnly ? ", read-only" : ""}${access ? `, sign-in required: ${access}` : ""})`);
      ctx.err(`web workspace: ${url}/ · MCP endpoint: ${url}/mcp · chat: POST ${url}/api/chat (model ${ctx.config.model}) · health: ${url}/healthz · Ctrl-C to stop`);
    });
  },
};
