// npm run bench:cli: cold starts of the `okr` command, each run a fresh process on the acme
// workspace, printed as min / p50 / p90 (figures to read, never asserted by a test).

import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../paths.js";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    // npx adds npm's own start-up (it installs a link to this package in its cache on first use).
    npx: { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a whole number of at least 1, not "${args.runs}"`);

const root = projectRoot();
const bin = join(root, "bin", "okr.js");
const AS_OF = "2026-11-26";

function timeOnce(cmd: string, argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, argv, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const elapsed = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  return elapsed;
}

function figures(cmd: string, argv: string[]): { min: number; p50: number; p90: number } {
  timeOnce(cmd, argv); // a warm-up run: the figures are about our start-up, not a cold disk cache
  const times = Array.from({ length: RUNS }, () => timeOnce(cmd, argv)).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { min: times[0]!, p50: at(0.5), p90: at(0.9) };
}

const data = await mkdtemp(join(tmpdir(), "okr-bench-cli-"));
try {
  const imported = spawnSync(process.execPath, [bin, "import", join(root, "examples", "acme"), "--data", data], { encoding: "utf8" });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const common = ["--data", data, "--as-of", AS_OF];
  const rows: [string, string, string[]][] = [
    ["node -e 0 (Node's own start-up)", process.execPath, ["-e", "0"]],
    ["okr --version", process.execPath, [bin, "--version"]],
    ["okr --help", process.execPath, [bin, "--help"]],
    ["okr lagging", process.execPath, [bin, "lagging", ...common]],
    ["okr tree", process.execPath, [bin, "tree", ...common]],
    ["okr kr KR2.1", process.execPath, [bin, "kr", "KR2.1", ...common]],
  ];
  if (args.npx) rows.push(["npx okr lagging", "npx", ["okr", "lagging", ...common]]);
  console.log(`Cold starts on ${process.platform} ${process.arch}, Node ${process.versions.node}: ${RUNS} fresh processes each, after one warm-up\n`);
  console.log(`${"command".padEnd(34)} ${"min".padStart(8)} ${"p50".padStart(8)} ${"p90".padStart(8)}`);
  const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
  for (const [label, cmd, argv] of rows) {
    const f = figures(cmd, argv);
    console.log(`${label.padEnd(34)} ${ms(f.min)} ${ms(f.p50)} ${ms(f.p90)}`);
  }
} finally {
  await rm(data, { recursive: true, force: true });
}
