// A lock held by one process at a time on a local data directory: a file created exclusively
// (O_EXCL), holding the owner's pid. Two `okr import` processes used to plan against the same state
// and both add the same rows (386 check-ins instead of 193); now the second waits, then plans against
// what the first wrote. A lock whose process is gone (killed) is taken over. Known gap: two waiters
// that find the same dead owner at the same instant can both take over (one removes the lock the
// other just made); it needs a crash and two imports waiting on it at once.

import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { OkrError } from "../domain/errors.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** Runs `fn` holding `<dir>/<name>.lock`, waiting up to `waitMs` for another holder, reporting the
 *  wait once through `waiting`. */
export async function withDirLock<T>(dir: string, name: string, fn: () => Promise<T>, opts: { waitMs?: number; waiting?: (pid: number) => void } = {}): Promise<T> {
  const path = join(dir, `${name}.lock`);
  const deadline = Date.now() + (opts.waitMs ?? 30 * 60_000);
  let told = false;
  for (;;) {
    try {
      const fh = await open(path, "wx");
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
      // Left by a process that is gone (or being written this instant: then the next round sees it).
      if (pid > 0) await rm(path, { force: true });
      else await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    if (Date.now() > deadline) throw new OkrError("conflict", `Another ${name} (process ${pid}) is still running on ${dir}: try again when it has finished.`);
    if (!told) opts.waiting?.(pid);
    told = true;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
