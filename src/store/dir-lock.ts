// A lock held by one process at a time on a local data directory: a file created exclusively
// (O_EXCL), holding the owner's pid. Two `okr import` processes used to plan against the same state
// and both add the same rows (386 check-ins instead of 193); now the second waits, then plans against
// what the first wrote. A lock whose process is gone (killed) is taken over, one waiter at a time
// (takeOver), so two waiters that find the same dead owner cannot both end up holding it.

import { open, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { OkrError } from "../domain/errors.js";

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** The pid a lock file's text holds; 0 when it holds none (empty, or not a number). */
export const pidIn = (text: string): number => Number(text.trim()) || 0;

const ownerOf = async (path: string): Promise<number> => pidIn(await readFile(path, "utf8").catch(() => ""));

/** How long a lock file may stay without an owner before it counts as left by a crash between
 *  its creation and the write of the pid (a live process writes it within microseconds). */
const EMPTY_STALE_MS = 2_000;

/** Whether the lock at `path`, owned by `pid` (0: none written), was left by a process that is
 *  gone. */
export async function isStale(path: string, pid: number): Promise<boolean> {
  if (pid > 0) return !alive(pid);
  const age = await stat(path).then(
    (s) => Date.now() - s.mtimeMs,
    () => 0,
  );
  return age > EMPTY_STALE_MS;
}

/** How long a takeover guard may stand before it counts as left by a crash: a takeover takes
 *  milliseconds. */
const GUARD_STALE_MS = 10_000;

/** Removes the lock at `path` if `dead` still owns it. Done under a guard file created exclusively,
 *  and the owner read again under it: a waiter that read the same dead pid a moment ago and comes
 *  second finds the new holder's pid there instead, and leaves its lock alone. */
export async function takeOver(path: string, dead: number): Promise<void> {
  const guard = path.replace(/\.lock$/, ".takeover.lock");
  try {
    await (await open(guard, "wx")).close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    const since = await stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (since > GUARD_STALE_MS) await rm(guard, { force: true });
    else await new Promise((r) => setTimeout(r, 20)); // another waiter is taking over: look again shortly
    return;
  }
  try {
    if ((await ownerOf(path)) === dead) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
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
    const pid = await ownerOf(path);
    if (await isStale(path, pid)) {
      await takeOver(path, pid); // left by a process that is gone
      continue;
    }
    if (pid <= 0) {
      await new Promise((r) => setTimeout(r, 20)); // being written this instant: the next round sees it
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
