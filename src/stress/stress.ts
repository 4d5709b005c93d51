// `npm run stress [-- --calls N] [--short]`: hostile and concurrent use of one workspace (a copy of
// examples/acme), then a count of what went wrong. Four parts:
//   1. generated MCP tool calls of every shape (valid, wrong types, missing or extra arguments, huge
//      and control-character strings, absurd numbers, unknown tools) over HTTP, 8 at a time;
//   2. two server processes on the one folder taking check-ins from concurrent clients;
//   3. two `okr import` processes at once;
//   4. `okr checkin` processes killed with SIGKILL at random moments.
// Every write that was acknowledged carries a unique note; at the end each must be stored exactly
// once. Prints crashes, non-JSON-RPC answers, 5xx, records lost and duplicated (all must be 0),
// duplicate refs, and the server's memory before and after. Exit 1 if any count is not 0.

import { spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { rssMb, serveChild, type ServeChild } from "../bench/serve-child.js";
import { projectRoot } from "../paths.js";
import { OkrService } from "../service/okr-service.js";
import { LanceStore } from "../store/lance-store.js";

const AS_OF = "2026-11-26";
const KRS = ["KR1.1", "KR1.2", "KR1.3", "KR2.1", "KR2.2", "KR2.3", "KR4.1", "KR4.2", "KR9.2"];

export interface StressCounts {
  calls: number;
  crashes: number;
  nonJsonRpc: number;
  serverErrors: number;
  lost: number;
  duplicated: number;
  duplicateRefs: number;
  acknowledged: number;
  memoryBeforeMb: number;
  memoryAfterMb: number;
}

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A value of any shape: what a careless or hostile client sends. */
function junk(): unknown {
  return pick<() => unknown>([
    () => null,
    () => -1,
    () => 1e308,
    () => "",
    () => "x".repeat(60_000),
    () => "\u0000\u001b[31m\u0007",
    () => "KR99.9",
    () => "Ω≈ç√∫ 🤖 tiếng Việt",
    () => [1, 2, 3],
    () => ({ nested: { deeper: true } }),
    () => true,
    () => "<!channel> <@U123>",
  ])();
}

/** A plausible value for a parameter of a type, by its name. */
function plausible(name: string, type: string | undefined): unknown {
  if (/keyResult|kr$/i.test(name)) return pick(KRS);
  if (/objective|parent/i.test(name)) return pick(["O1", "O2", "O3", "O9"]);
  if (/confidence/.test(name)) return 1 + Math.floor(rand() * 5);
  if (/date|asOf|due/i.test(name)) return pick(["2026-11-20", "2026-11-26", "2026-13-40", "yesterday"]);
  if (type === "number" || type === "integer") return Math.round(rand() * 200);
  if (type === "boolean") return rand() < 0.5;
  if (type === "array") return [];
  return pick(["Retention", "Product", "Engineering", "Raise NPS from 48 to 65", "Linh Tran"]);
}

type Schema = { properties?: Record<string, { type?: string }>; required?: string[] };

function argsFor(schema: Schema): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const r = rand();
    if (r < 0.15) continue; // missing
    args[name] = r < 0.8 ? plausible(name, p.type) : junk();
  }
  if (rand() < 0.1) args[`extra${Math.floor(rand() * 9)}`] = junk();
  return args;
}

const isJsonRpc = (body: unknown, id: number) =>
  !!body && typeof body === "object" && (body as { jsonrpc?: string }).jsonrpc === "2.0" && (body as { id?: unknown }).id === id && ("result" in body || "error" in body);

async function fuzz(server: ServeChild, calls: number, counts: StressCounts, acknowledged: Set<string>): Promise<void> {
  const listed = (await server.rpc("tools/list", {}, 0)).body as { result: { tools: { name: string; inputSchema: Schema }[] } };
  const tools = listed.result.tools;
  let next = 0;
  async function worker() {
    for (let i = next++; i < calls; i = next++) {
      const tool = rand() < 0.03 ? { name: "no_such_tool", inputSchema: {} } : pick(tools);
      const args = rand() < 0.02 ? (junk() as Record<string, unknown>) : argsFor(tool.inputSchema);
      const note = `stress-fuzz-${i}`;
      if (tool.name === "log_check_in" && args && typeof args === "object" && !Array.isArray(args)) args.note = note;
      const id = i + 1;
      const { status, body, ok } = await server.callTool(tool.name, args, id).catch(() => ({ status: 0, body: null, ok: false }));
      counts.calls++;
      if (status >= 500 || status === 0) counts.serverErrors++;
      else if (!isJsonRpc(body, id)) counts.nonJsonRpc++;
      // A dry run answers without writing: only a real write was acknowledged.
      if (tool.name === "log_check_in" && ok && (args as { dryRun?: unknown }).dryRun !== true) acknowledged.add(note);
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Two servers on one folder, four clients each, every check-in with its own note. */
async function twoServers(a: ServeChild, b: ServeChild, perClient: number, acknowledged: Set<string>, counts: StressCounts): Promise<void> {
  await Promise.all(
    [a, a, a, a, b, b, b, b].map(async (server, c) => {
      for (let i = 0; i < perClient; i++) {
        const note = `stress-two-${c}-${i}`;
        const { status, ok } = await server.callTool("log_check_in", { keyResult: pick(KRS), value: 50 + i, confidence: 3, note });
        counts.calls++;
        if (status >= 500) counts.serverErrors++;
        if (ok) acknowledged.add(note);
      }
    }),
  );
}

function okr(args: string[], killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot(), "bin", "okr.js"), ...args], { stdio: "ignore" });
    if (killAfterMs !== undefined) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => resolve(code));
  });
}

export async function stress(opts: { calls: number; importRows: number; kills: number; perClient: number }, say: (line: string) => void): Promise<StressCounts> {
  const root = await mkdtemp(join(tmpdir(), "okr-stress-"));
  const data = join(root, "data");
  const counts: StressCounts = {
    calls: 0,
    crashes: 0,
    nonJsonRpc: 0,
    serverErrors: 0,
    lost: 0,
    duplicated: 0,
    duplicateRefs: 0,
    acknowledged: 0,
    memoryBeforeMb: 0,
    memoryAfterMb: 0,
  };
  const acknowledged = new Set<string>();
  try {
    await cp(join(projectRoot(), "examples", "acme"), join(root, "acme"), { recursive: true });
    if ((await okr(["import", join(root, "acme"), "--data", data])) !== 0) throw new Error("could not import the acme workspace");
    const a = await serveChild(data, AS_OF);
    const b = await serveChild(data, AS_OF);
    try {
      await a.callTool("query_lagging_key_results", { limit: 10 });
      counts.memoryBeforeMb = await rssMb(a.child.pid!);
      say(`1/4 ${opts.calls.toLocaleString("en-US")} generated MCP tool calls…`);
      await fuzz(a, opts.calls, counts, acknowledged);
      say(`2/4 two servers, eight clients, ${opts.perClient * 8} check-ins…`);
      await twoServers(a, b, opts.perClient, acknowledged, counts);
      say("3/4 two imports at once…");
      const csv = join(root, "more");
      const rows = Array.from({ length: opts.importRows }, (_, i) => `${pick(KRS)},2026-11-${String(1 + (i % 25)).padStart(2, "0")},${i},3,Stress,stress-import-${i}`);
      await mkdir(csv);
      await writeFile(join(csv, "checkins.csv"), ["kr_ref,date,value,confidence,author,note", ...rows].join("\n") + "\n");
      const imports = await Promise.all([okr(["import", csv, "--data", data]), okr(["import", csv, "--data", data])]);
      if (imports.every((c) => c === 0)) for (let i = 0; i < opts.importRows; i++) acknowledged.add(`stress-import-${i}`);
      say(`4/4 ${opts.kills} okr checkin processes, some killed with SIGKILL…`);
      for (let i = 0; i < opts.kills; i++) {
        const note = `stress-kill-${i}`;
        const code = await okr(
          ["checkin", pick(KRS), String(60 + i), "--confidence", "3", "--note", note, "--data", data, "--as-of", AS_OF],
          i % 2 ? 150 + Math.floor(rand() * 900) : undefined,
        );
        if (code === 0) acknowledged.add(note);
      }
      await a.callTool("query_lagging_key_results", { limit: 10 });
      counts.memoryAfterMb = await rssMb(a.child.pid!);
      counts.crashes = [a, b].filter((s) => s.crashed()).length;
    } finally {
      await a.stop();
      await b.stop();
    }
    // What is stored: every acknowledged note once, and no ref twice.
    const svc = new OkrService(await LanceStore.open(data));
    const notes = new Map<string, number>();
    for (const c of await svc.store.checkInsAsWritten()) if (c.note.startsWith("stress-")) notes.set(c.note, (notes.get(c.note) ?? 0) + 1);
    for (const note of acknowledged) {
      const n = notes.get(note) ?? 0;
      if (n === 0) counts.lost++;
      if (n > 1) counts.duplicated++;
    }
    const ws = await svc.ws();
    const refs = [...[...ws.objectives.values()].map((o) => o.ref), ...[...ws.keyResults.values()].map((k) => k.ref)].map((r) => r.toUpperCase());
    counts.duplicateRefs = refs.length - new Set(refs).size;
    counts.acknowledged = acknowledged.size;
    await svc.close();
    return counts;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function report(c: StressCounts): string {
  return [
    `calls: ${c.calls.toLocaleString("en-US")} · acknowledged writes checked: ${c.acknowledged.toLocaleString("en-US")}`,
    `crashes: ${c.crashes} · non-JSON-RPC answers: ${c.nonJsonRpc} · 5xx: ${c.serverErrors}`,
    `records lost: ${c.lost} · duplicated: ${c.duplicated} · duplicate refs: ${c.duplicateRefs}`,
    `server memory: ${c.memoryBeforeMb.toFixed(0)} MB → ${c.memoryAfterMb.toFixed(0)} MB`,
  ].join("\n");
}

export const clean = (c: StressCounts) => c.crashes + c.nonJsonRpc + c.serverErrors + c.lost + c.duplicated + c.duplicateRefs === 0;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { calls: { type: "string" }, short: { type: "boolean" } } });
  const short = values.short === true;
  const calls = Number(values.calls ?? (short ? 1_000 : 10_000));
  if (!Number.isInteger(calls) || calls < 1) {
    process.stderr.write(`stress: --calls must be a whole number of at least 1, not ${values.calls}\n`);
    process.exit(2);
  }
  const counts = await stress({ calls, importRows: short ? 200 : 2_000, kills: short ? 6 : 20, perClient: short ? 10 : 50 }, (l) => process.stderr.write(`${l}\n`));
  process.stdout.write(report(counts) + "\n");
  process.exit(clean(counts) ? 0 : 1);
}
