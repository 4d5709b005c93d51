// A server's drains (lance-store.ts) run in a short-lived process of their own. LanceDB's write
// path then never enters the server's memory: its code, the allocator arenas of the threads that
// commit, and what every commit and compaction leaves behind. Measured at 40,000 KRs: a server
// that drained itself grew by 33 MB over its first 1,000 check-ins, and with one drain per
// check-in (a person every few seconds) by about 0.5 MB a drain once compactions ran (+144 MB over
// 300 drains, not given back). A drain process takes about 0.15 s and 100 MB while it runs.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The compiled entry (drain-main.ts): beside this module, or dist's when tests run the sources. */
export function drainEntry(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), "drain-main.js");
  return join(dirname(here), "..", "..", "dist", "src", "store", "drain-main.js");
}

/** What the drain process says when it fails: its last line, which the caller reports. */
export const DRAIN_ERROR_PREFIX = "okr: error: ";

export interface DrainProcessOptions {
  /** The script to run (tests); drainEntry() by default. */
  entry?: string;
  /** Killed after this long (a killed drain loses nothing: journal.ts). */
  timeoutMs?: number;
  /** Where the process's warnings go (a compaction that failed, …); stderr by default. */
  log?: (line: string) => void;
}

/** Moves the journal of the workspace in `dir` into its table from another process; rejects with
 *  that process's error when it fails (the journal then still holds every entry). */
export function drainInOwnProcess(dir: string, opts: DrainProcessOptions = {}): Promise<void> {
  const entry = opts.entry ?? drainEntry();
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = opts.timeoutMs ?? 120_000;
  if (!existsSync(entry)) return Promise.reject(new Error(`${entry} is missing: run npm run build`));
  return new Promise((resolve, reject) => {
    // Not the server's execArgv: an --inspect port or heap flags are the server's, not the drain's.
    const child = spawn(process.execPath, [entry, dir], { stdio: ["ignore", "ignore", "pipe"] });
    let error = "";
    let rest = "";
    const line = (l: string) => {
      if (l.startsWith(DRAIN_ERROR_PREFIX)) error = l.slice(DRAIN_ERROR_PREFIX.length);
      else if (l.trim()) log(l);
    };
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      const lines = (rest + d).split("\n");
      rest = lines.pop()!;
      lines.forEach(line);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    timer.unref();
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      line(rest);
      if (code === 0) resolve();
      else if (timedOut) reject(new Error(`the drain took longer than ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`} and was stopped`));
      else reject(new Error(error || `the drain process ${signal ? `was stopped by ${signal}` : `exited with code ${code}`}`));
    });
  });
}
