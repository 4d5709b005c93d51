// Compiles the TypeScript sources into dist/ only when one of them is newer than the last build,
// and says so on stderr first; the same for the web bundle (web/ → dist/web). bin/okr.js, npm start
// and npm install (prepare) all go through here.
// Plain JavaScript on purpose: it has to run before anything is compiled.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** What tsconfig.json compiles, and the files whose change means compiling again. */
const SOURCE_DIRS = ["src", "tools", "evals"];
const CONFIG = "tsconfig.json";
/** tsc -b writes this on every build (see tsconfig.json); we also touch it after each build, so
 *  its time is "the last build" even when tsc found nothing to emit. */
const STAMP = join("dist", ".tsbuildinfo");
const ENTRY = join("dist", "src", "cli", "main.js");
const LOCK = join("dist", ".build-lock");
const LOCK_STALE_MS = 5 * 60_000;

const mtime = (path) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/** Why the web bundle (dist/web, built by scripts/build-web.js) must be rebuilt, or null when it is current. */
export function webBuildReason(root = ROOT) {
  const web = join(root, "web");
  if (!existsSync(web)) return null;
  const built = mtime(join(root, "dist", "web", "assets", "app.js"));
  if (built === null || !existsSync(join(root, "dist", "web", "index.html"))) return "no web build yet";
  for (const rel of readdirSync(web, { recursive: true })) {
    if ((mtime(join(web, rel)) ?? 0) > built) return `web/${rel} changed`;
  }
  return null;
}

/** Why dist/ must be rebuilt ("no build yet", "src/cli/main.ts changed"), or null when it is current. */
export function buildReason(root = ROOT) {
  const stamp = mtime(join(root, STAMP));
  if (stamp === null || !existsSync(join(root, ENTRY))) return "no build yet";
  if ((mtime(join(root, CONFIG)) ?? 0) > stamp) return `${CONFIG} changed`;
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(join(root, dir))) continue;
    for (const rel of readdirSync(join(root, dir), { recursive: true })) {
      if (!rel.endsWith(".ts")) continue;
      if ((mtime(join(root, dir, rel)) ?? 0) > stamp) return `${join(dir, rel)} changed`;
    }
  }
  return null;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Runs tsc in build mode (incremental: it recompiles only what changed); its report goes to stderr
 *  so that `okr … --json` keeps a clean stdout. Returns tsc's exit status. */
function runTsc(root, full) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) return null;
  const r = spawnSync(process.execPath, [tsc, "-b", CONFIG, ...(full ? ["--force"] : [])], { cwd: root, stdio: ["ignore", 2, 2] });
  return r.status ?? 1;
}

/**
 * Builds dist/ if a source changed since the last build; does nothing (a few dozen stat calls)
 * otherwise. Two processes starting at once build once: the second waits for the first's lock.
 * Returns false when there is no usable build (the reason has been printed).
 */
/** Bundles the web pages (scripts/build-web.js) when a web source changed; a failure is reported
 *  and the CLI and MCP server still run (only the pages are missing). */
function ensureWebBuilt(root, log) {
  const reason = webBuildReason(root);
  if (reason === null || !existsSync(join(root, "node_modules", "esbuild"))) return;
  log(`okr: bundling the web pages into dist/web (${reason})…`);
  const r = spawnSync(process.execPath, [join(root, "scripts", "build-web.js")], { cwd: root, stdio: ["ignore", 2, 2] });
  if (r.status !== 0) log("okr: the web pages did not build (above); the CLI and MCP server still work.");
}

export function ensureBuilt({ root = ROOT, log = (line) => process.stderr.write(line + "\n"), build = runTsc, web = ensureWebBuilt } = {}) {
  web(root, log);
  let reason = buildReason(root);
  if (reason === null) return true;
  // Only a source checkout can be rebuilt; an install without src/ runs what it was given.
  if (!existsSync(join(root, CONFIG))) return existsSync(join(root, ENTRY));
  mkdirSync(join(root, "dist"), { recursive: true });
  const lock = join(root, LOCK);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      if (Date.now() - (mtime(lock) ?? Date.now()) > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    reason = buildReason(root); // whoever held the lock may have just built it
    if (reason === null) return true;
    const first = reason === "no build yet";
    log(`okr: compiling TypeScript into dist/ (${first ? "no build yet; the first one can take a minute" : reason})…`);
    const status = build(root, first);
    if (status === null) {
      log("okr: cannot compile: TypeScript is not installed. Run npm install in " + root);
      return existsSync(join(root, ENTRY));
    }
    // tsc emits JavaScript even when it reports type errors (status 2): run that, but say so.
    if (status !== 0) log(`okr: the TypeScript build reported errors (above)${existsSync(join(root, ENTRY)) ? "; running what it compiled" : ""}.`);
    else if (existsSync(join(root, STAMP))) {
      const now = new Date();
      utimesSync(join(root, STAMP), now, now);
    }
    return existsSync(join(root, ENTRY));
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

// `node scripts/ensure-built.js [--prepare]`: npm start, npm run bench/eval and npm install use this.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `npx okr` links this package into npx's cache and runs `prepare` there with its output hidden:
  // a build at that point would be a long silent wait. bin/okr.js builds instead, and says so.
  if (process.argv.includes("--prepare") && process.env.npm_command === "exec") process.exit(0);
  process.exit(ensureBuilt() ? 0 : 1);
}
