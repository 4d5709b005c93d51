// Fast starts: dist/ is rebuilt only when a source changed (and says so first), npm start and
// npm install go through the same check, and a current build starts without compiling anything.

import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, buildReason, ensureBuilt, webBuildReason } from "../../scripts/ensure-built.js";
import { cleanup, tempDir } from "../helpers.js";

afterAll(cleanup);
const run = promisify(execFile);

/** A fake checkout: a source and the config a minute old, a build half a minute old. */
async function checkout(): Promise<string> {
  const root = await tempDir("okr-build-");
  for (const d of ["src/cli", "evals/datasets", "dist/src/cli"]) mkdirSync(join(root, d), { recursive: true });
  for (const f of ["src/cli/main.ts", "tsconfig.json", "evals/datasets/cases.jsonl", "dist/src/cli/main.js", "dist/.tsbuildinfo"]) writeFileSync(join(root, f), "");
  const past = new Date(Date.now() - 60_000);
  for (const f of ["src/cli/main.ts", "tsconfig.json", "evals/datasets/cases.jsonl"]) utimesSync(join(root, f), past, past);
  const built = new Date(Date.now() - 30_000);
  utimesSync(join(root, "dist/.tsbuildinfo"), built, built);
  return root;
}
/** An edit of `file` a second after the last build. */
function touch(root: string, file: string): void {
  const after = new Date(statSync(join(root, "dist/.tsbuildinfo")).mtimeMs + 1_000);
  utimesSync(join(root, file), after, after);
}

describe("ensure-built", () => {
  it("bundles the web pages only when a web source is newer than the bundle", async () => {
    const root = await checkout();
    expect(webBuildReason(root)).toBeNull(); // no web/ at all: nothing to bundle
    mkdirSync(join(root, "web/src"), { recursive: true });
    writeFileSync(join(root, "web/src/main.tsx"), "");
    expect(webBuildReason(root)).toBe("no web build yet");
    mkdirSync(join(root, "dist/web/assets"), { recursive: true });
    writeFileSync(join(root, "dist/web/index.html"), "");
    writeFileSync(join(root, "dist/web/assets/app.js"), "");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(root, "web/src/main.tsx"), past, past);
    utimesSync(join(root, "web/src"), past, past);
    utimesSync(join(root, "web"), past, past);
    expect(webBuildReason(root)).toBeNull();
    const later = new Date(Date.now() + 1_000);
    utimesSync(join(root, "web/src/main.tsx"), later, later);
    expect(webBuildReason(root)).toBe("web/src/main.tsx changed");
  });

  it("finds nothing to do when every source is older than the last build, whatever else changed", async () => {
    const root = await checkout();
    expect(buildReason(root)).toBeNull();
    touch(root, "evals/datasets/cases.jsonl"); // data, not a source
    expect(buildReason(root)).toBeNull();
    const events: string[] = [];
    expect(ensureBuilt({ root, log: (l) => events.push(l), build: () => (events.push("build"), 0) })).toBe(true);
    expect(events).toEqual([]);
  });

  it("names what changed, says so in one line before compiling, and is current afterwards", async () => {
    const root = await checkout();
    touch(root, "src/cli/main.ts");
    expect(buildReason(root)).toBe(join("src", "cli", "main.ts") + " changed");
    const events: string[] = [];
    expect(ensureBuilt({ root, log: (l) => events.push(l), build: (_, full) => (events.push(`build full=${full}`), 0) })).toBe(true);
    expect(events).toEqual([`okr: compiling TypeScript into dist/ (${join("src", "cli", "main.ts")} changed)…`, "build full=false"]);
    expect(buildReason(root)).toBeNull();
    touch(root, "tsconfig.json");
    expect(buildReason(root)).toBe("tsconfig.json changed");
  });

  it("builds from scratch when there is no build, and reports a failed one", async () => {
    const root = await checkout();
    rmSync(join(root, "dist"), { recursive: true });
    expect(buildReason(root)).toBe("no build yet");
    const events: string[] = [];
    expect(ensureBuilt({ root, log: (l) => events.push(l), build: (_, full) => (events.push(`build full=${full}`), 1) })).toBe(false);
    expect(events[0]).toMatch(/^okr: compiling TypeScript into dist\/ \(no build yet; the first one can take a minute\)…$/);
    expect(events[1]).toBe("build full=true");
    expect(events[2]).toMatch(/the TypeScript build reported errors/);
  });

  it("clears a lock left behind by a build that crashed", async () => {
    const root = await checkout();
    touch(root, "src/cli/main.ts");
    const lock = join(root, "dist/.build-lock");
    mkdirSync(lock);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);
    let built = 0;
    expect(ensureBuilt({ root, log: () => {}, build: () => (built++, 0) })).toBe(true);
    expect(built).toBe(1);
  });

  it("npm start, npm install (prepare) and the okr command compile only through the check", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe("node bin/okr.js start");
    expect(pkg.scripts.prepare).toBe("node scripts/ensure-built.js --prepare");
    expect(pkg.scripts.build).toMatch(/^tsc -b /); // incremental: a build with nothing changed is a no-op
    expect(readFileSync(join(ROOT, "tsconfig.json"), "utf8")).toMatch(/"incremental": true/);
    expect(readFileSync(join(ROOT, "bin/okr.js"), "utf8")).toContain("ensureBuilt()");
  });

  it("loads the heavy stacks only in the commands that use them (npm run bench:cli prints the times)", async () => {
    const dir = await tempDir("okr-loads-");
    const data = join(dir, "data");
    await run(process.execPath, [join(ROOT, "bin/okr.js"), "import", join(ROOT, "examples/acme"), "--data", data]);
    // A module hook that writes down every ES module the process loads.
    const hook = join(dir, "hook.mjs");
    writeFileSync(
      hook,
      `import { register } from "node:module";\n` +
        `register("data:text/javascript," + encodeURIComponent(\`import { appendFileSync } from "node:fs";\n` +
        `export async function load(url, context, next) { appendFileSync(process.env.OKR_TEST_LOADED, url + "\\\\n"); return next(url, context); }\`));\n`,
    );
    const loaded = async (args: string[]) => {
      const log = join(dir, `${args[0]}.log`);
      await run(process.execPath, ["--import", hook, join(ROOT, "bin/okr.js"), ...args, "--data", data], { env: { ...process.env, OKR_TEST_LOADED: log, OKR_NOW: "2026-11-26" } });
      return readFileSync(log, "utf8");
    };
    const heavy = /node_modules\/(ai|@ai-sdk\/[^/]+|@modelcontextprotocol\/sdk|hono|@hono\/[^/]+)\//;
    for (const args of [["lagging"], ["tree"], ["kr", "KR2.1"]]) {
      const urls = await loaded(args);
      expect(urls, args[0]).toContain("/dist/src/store/lance-store.js");
      expect(urls.match(heavy)?.[0] ?? null, args[0]).toBeNull();
    }
    for (const args of [["--help"], ["--version"]]) {
      const urls = await loaded(args);
      expect(urls, args[0]).not.toContain("/dist/src/store/lance-store.js");
      expect(urls, args[0]).not.toContain("/dist/src/service/okr-service.js");
      expect(urls.match(heavy)?.[0] ?? null, args[0]).toBeNull();
    }
  }, 30_000);

  it("a current build starts without compiling or printing anything but the answer", async () => {
    const bin = join(ROOT, "bin/okr.js");
    await run(process.execPath, [bin, "--version"]); // builds if this checkout's sources just changed
    const { stdout, stderr } = await run(process.execPath, [bin, "--version"]);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(stderr).toBe("");
  });
});
