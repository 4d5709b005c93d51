// `npm run bench -- --peers`: okr side by side with SQLite (better-sqlite3, WAL, fsynced writes) and
// DuckDB on the same synthetic workspace and the same "top 10 behind pace" question. Each step runs
// in a process of its own (peer-worker.ts), so import memory and cold starts are each system's own;
// okr's cold start is the real `okr lagging` command.

import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../paths.js";

export interface PeerFigures {
  /** The median of five cold starts. */
  coldMs: number;
  /** okr: the first cold start after the import (the import leaves its snapshot for it; without
   *  one it reads the table); the others: the same as coldMs. */
  coldFirstMs: number;
  warmP50Ms: number;
  importS: number;
  peakRssMb: number;
  writeP50Ms: number;
  /** Its top 10, to check that every system answered the same. */
  refs: string[];
}
export type System = "okr" | "sqlite" | "duckdb";
export const SYSTEMS: System[] = ["okr", "sqlite", "duckdb"];

/** Runs a command; resolves with its JSON output (the whole of stdout, or its last line) and the wall time. */
function run(args: string[]): Promise<{ out: Record<string, unknown>; ms: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, args, { cwd: projectRoot(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "",
      stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t;
      if (code !== 0) return reject(new Error(`${args.slice(0, 3).join(" ")} exited ${code}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`));
      try {
        let out: Record<string, unknown>;
        try {
          out = JSON.parse(stdout);
        } catch {
          out = JSON.parse(stdout.trim().split("\n").at(-1)!);
        }
        resolve({ out, ms });
      } catch {
        reject(new Error(`${args.slice(0, 3).join(" ")} printed no JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

/** Cold starts timed per system, the median reported. */
const COLD_RUNS = 5;

export async function benchPeers(csvDir: string, root: string, asOf: string, runs: number, progress: (line: string) => void): Promise<Record<System, PeerFigures>> {
  const worker = join(projectRoot(), "dist", "src", "bench", "peer-worker.js");
  const out = {} as Record<System, PeerFigures>;
  for (const system of SYSTEMS) {
    const db = join(root, `peer-${system}${system === "sqlite" ? ".sqlite" : system === "duckdb" ? ".duckdb" : ""}`);
    // Each import starts with nothing of the steps before it still being written back to disk
    // (the benchmark's own import and writes are a gigabyte): whichever system went first paid for
    // that writeback in its own fsyncs.
    if (process.platform === "linux") spawnSync("sync");
    progress(`${system}: import…`);
    const imported = (await run([worker, system, "import", csvDir, db, asOf])).out;
    if (typeof imported.closeS === "number") progress(`${system}: imported in ${(imported.importS as number).toFixed(1)} s, of which closing ${imported.closeS.toFixed(1)} s`);
    progress(`${system}: cold query…`);
    // Cold: a new process that opens the data and answers (for okr, the command people run).
    const okrCold = () => run([join(projectRoot(), "bin", "okr.js"), "lagging", "--data", db, "--as-of", asOf, "--limit", "10", "--json"]);
    const first = system === "okr" ? await okrCold() : null;
    // The median of COLD_RUNS for every system: one run moved by a third between runs here.
    const colds: { out: Record<string, unknown>; ms: number }[] = [];
    for (let i = 0; i < COLD_RUNS; i++) colds.push(system === "okr" ? await okrCold() : await run([worker, system, "cold", csvDir, db, asOf]));
    const cold = colds.sort((a, b) => a.ms - b.ms)[COLD_RUNS >> 1]!;
    progress(`${system}: warm queries and writes…`);
    const warm = (await run([worker, system, "warm", csvDir, db, asOf, String(runs)])).out;
    out[system] = {
      coldMs: cold.ms,
      coldFirstMs: first?.ms ?? cold.ms,
      warmP50Ms: warm.warmP50Ms as number,
      importS: imported.importS as number,
      peakRssMb: imported.peakRssMb as number,
      writeP50Ms: warm.writeP50Ms as number,
      // `okr lagging --json` prints its rows; the workers print their refs.
      refs: system === "okr" ? (cold.out as unknown as { ref: string }[]).map((r) => r.ref) : (warm.refs as string[]),
    };
  }
  return out;
}

/** The comparison as a Markdown table (what README shows), with whether the top 10s matched. */
export function peerTable(f: Record<System, PeerFigures>): string {
  const num = (x: number, unit: string) =>
    unit === "s" ? `${x.toFixed(1)} s` : unit === "MB" ? `${Math.round(x)} MB` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 1 ? 2 : 1)} ms`;
  const rows: [string, keyof PeerFigures, string][] = [
    ["cold process, answer (median of 5)", "coldMs", "ms"],
    ["cold, first after an import", "coldFirstMs", "ms"],
    ["warm query p50", "warmP50Ms", "ms"],
    ["import", "importS", "s"],
    ["import peak RSS", "peakRssMb", "MB"],
    ["one check-in write p50 (fsynced)", "writeP50Ms", "ms"],
  ];
  const same = SYSTEMS.every((s) => JSON.stringify(f[s].refs) === JSON.stringify(f.okr.refs));
  return [
    "| | okr | SQLite (WAL, index on kr, day) | DuckDB |",
    "| --- | --- | --- | --- |",
    ...rows.map(([label, key, unit]) => `| ${label} | ${SYSTEMS.map((s) => num(f[s][key] as number, unit)).join(" | ")} |`),
    `\nsame top 10 in all three: ${same ? "yes" : `NO (okr ${f.okr.refs.join(",")}; sqlite ${f.sqlite.refs.join(",")}; duckdb ${f.duckdb.refs.join(",")})`}`,
  ].join("\n");
}
