// `okr demo` and `okr start`: a demo workspace dated around today, and the first thing a new user sees.

import { OkrError } from "../../domain/errors.js";
import type { CommandContext, CommandSpec } from "../command.js";
import { describeSummary } from "./import.js";
import { laggingTable } from "./lagging.js";
import { DEFAULT_PORT, parsePort, serveHttp } from "./serve.js";
import { renderTree } from "./tree.js";

async function writeDemo(ctx: CommandContext): Promise<void> {
  const svc = await ctx.service();
  if (!(await svc.isEmpty()))
    throw new OkrError("conflict", `${ctx.config.dataDir} already holds a workspace; the demo only goes into an empty one. Try: okr demo --data ./demo-data`);
  const { demoWorkspace } = await import("../../demo/demo-workspace.js");
  const summary = await svc.import(demoWorkspace(ctx.config.asOf));
  if (!ctx.json) ctx.err(`Wrote a demo workspace dated around ${ctx.config.asOf} into ${ctx.config.dataDir}\n${describeSummary(summary)}`);
}

export const demoCommand: CommandSpec = {
  name: "demo",
  summary: "Write a realistic demo workspace dated around today into an empty data directory.",
  usage: "okr demo [--data DIR] [--as-of YYYY-MM-DD]",
  description: "Five teams (one writing in Vietnamese), a 13-week cycle eight weeks in, some KRs on pace, some lagging, one stale.",
  options: {},
  workspace: "create",
  examples: ["okr demo --data ./demo-data", "okr demo --as-of 2026-11-26"],
  async run(ctx) {
    await writeDemo(ctx);
    if (ctx.json) ctx.out(JSON.stringify({ dataDir: ctx.config.dataDir, asOf: ctx.config.asOf }));
  },
};

export const startCommand: CommandSpec = {
  name: "start",
  summary: "What `npm start` runs: a demo workspace on first run, the overview, then the web workspace and MCP server.",
  usage: "okr start [--data DIR] [--port 8787] [--host 127.0.0.1] [--as-of YYYY-MM-DD]",
  options: {
    port: { type: "string", description: `HTTP port (default ${DEFAULT_PORT}; 0 = any free port)`, placeholder: "N" },
    host: { type: "string", description: "address to listen on (default 127.0.0.1)", placeholder: "H" },
  },
  workspace: "create",
  examples: ["npm start", "OKR_DATA_DIR=./acme okr start --port 9000"],
  async run(ctx, { values }) {
    const port = parsePort(values.port as string | undefined); // a bad port fails before any write
    const svc = await ctx.service();
    if (await svc.isEmpty()) await writeDemo(ctx);
    const rows = await svc.lagging(ctx.config.asOf, { limit: 5 });
    ctx.out(`OKR workspace ${ctx.config.dataDir} as of ${ctx.config.asOf}\n`);
    ctx.out(renderTree(await svc.tree(ctx.config.asOf)));
    ctx.out(`\nLagging most:\n`);
    ctx.out(laggingTable(rows));
    await serveHttp(ctx, (values.host as string | undefined) ?? "127.0.0.1", port, (url) => {
      ctx.out(`\nServing on ${url}`);
      ctx.out(`Open ${url}/ in a browser for the workspace (overview, KR charts, check-ins, weekly summary, chat).`);
      ctx.out(`MCP endpoint (Streamable HTTP): ${url}/mcp · health: ${url}/healthz`);
      ctx.out(`Try: npx okr lagging · npx okr kr ${rows[0]?.ref ?? "KR1.1"} · Ctrl-C to stop`);
    });
  },
};
