// Swapping a freshly imported workspace into the data directory for `okr import --replace`: the old
// folder is renamed to a timestamped sibling (never deleted), and the new one takes the name only
// once it is complete, so a failed import leaves the data directory exactly as it was.

import { access, lstat, readdir, rename, rmdir } from "node:fs/promises";
import { basename, dirname, join, relative, isAbsolute } from "node:path";
import { OkrError } from "../domain/errors.js";

/** 2026-11-26T09:41:34Z → 20261126-094134: sorts by time and is a valid file name everywhere. */
export function stamp(now: Date): string {
  return now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

/** The first free `<dir>.<label>-<stamp>` next to `dir` (same file system, so renames are atomic). */
export async function freeSibling(dir: string, label: string, now: Date): Promise<string> {
  const base = join(dirname(dir), `${basename(dir)}.${label}-${stamp(now)}`);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await access(candidate);
    } catch {
      return candidate;
    }
  }
}

/** --replace renames the data directory: refuse when that would pull the ground from under us. */
export function checkReplaceable(dataDir: string, cwd: string): void {
  const rel = relative(dataDir, cwd);
  if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel)))
    throw new OkrError("invalid_input", `--replace would move ${dataDir} aside, but it is the current folder or holds it: run okr import from outside it.`);
}

/**
 * Puts the complete workspace at `fresh` in place of `dataDir`. Returns where the old folder went,
 * or null when there was nothing to keep (no folder, or an empty one).
 */
export async function swapIn(dataDir: string, fresh: string, now: Date): Promise<string | null> {
  let existing;
  try {
    existing = await lstat(dataDir);
  } catch {
    existing = null;
  }
  if (existing?.isDirectory() && (await readdir(dataDir)).length === 0) {
    await rmdir(dataDir);
    existing = null;
  }
  if (!existing) {
    await rename(fresh, dataDir);
    return null;
  }
  const aside = await freeSibling(dataDir, "replaced", now);
  await rename(dataDir, aside);
  try {
    await rename(fresh, dataDir);
  } catch (e) {
    await rename(aside, dataDir);
    throw e;
  }
  return aside;
}
