// `okr demo` and `okr start`: a demo workspace dated around today, and the first thing a new user sees.

import { OkrError } from "../../domain/errors.js";
import { demoWorkspace } from "../../demo/demo-workspace.js";
import type { CommandContext, CommandSpec } from "../command.js";
import { describeSummary } from "./import.js";
import { laggingTable } from "./lagging.js";
import { renderTree } from "./tree.js";

async function writeDemo(ctx: CommandContext): Promise<void> {
  const svc = await ctx.service();
  if (!(await svc.isEmpty()))
    throw new OkrError("conflict", `${ctx.config.dataDir} already holds a workspace; the demo only goes into an empty one. Try: okr demo --data ./demo-data`);
  const summary = await svc.import(demoWorkspace(ctx.config.asOf));
  if (!ctx.json) ctx.err(`Wrote a demo workspace dated around ${ctx.config.asOf} into ${ctx.config.dataDir}\n${describeSummary(summary)}`);
}

export const demoCommand: CommandSpec = {
  name: "demo",
  summary: "Write a realistic demo workspace dated around today into an empty data directory.",
  usage: "okr demo [--data DIR] [--as-of YYYY-MM-DD]",
  description: "Five teams (one writing in Vietnamese), a 13-week cycle eight weeks in, some KRs on pace, some lagging, one stale.",
  options: {},
  examples: ["okr demo --data ./demo-data", "okr demo --as-of 2026-11-26"],
  async run(ctx) {
    await writeDemo(ctx);
    if (ctx.json) ctx.out(JSON.stringify({ dataDir: ctx.config.dataDir, asOf: ctx.config.asOf }));
  },
};

export const startCommand: CommandSpec = {
  name: "start",
  summary: "What `npm start` runs: writes the demo workspace on first run, then shows the overview and what is lagging.",
  usage: "okr start [--data DIR] [--as-of YYYY-MM-DD]",
  options: {},
  examples: ["npm start", "OKR_DATA_DIR=./acme okr start"],
  async run(ctx) {
    const svc = await ctx.service();
    if (await svc.isEmpty()) await writeDemo(ctx);
    const views = await svc.tree(ctx.config.asOf);
    const rows = await svc.lagging(ctx.config.asOf, { limit: 5 });
    if (ctx.json) return ctx.out(JSON.stringify({ dataDir: ctx.config.dataDir, asOf: ctx.config.asOf, objectives: views, lagging: rows }, null, 2));
    ctx.out(`OKR workspace ${ctx.config.dataDir} as of ${ctx.config.asOf}\n`);
    ctx.out(renderTree(views));
    ctx.out(`\nLagging most:\n`);
    ctx.out(laggingTable(rows));
    ctx.out(`\nNext: okr kr ${rows[0]?.ref ?? "KR1.1"} · okr checkin KR1.1 VALUE --confidence 4 · okr import DIR · okr --help`);
  },
};
