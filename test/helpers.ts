// Shared test helpers: temporary data directories and a service over the acme fixture.

import { cp, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OkrError } from "../src/domain/errors.js";
import { openImportSource } from "../src/io/read-import.js";
import { OkrService } from "../src/service/okr-service.js";
import { LanceStore } from "../src/store/lance-store.js";
import { SNAPSHOT_FILE } from "../src/store/snapshot-cache.js";

export const FIXTURE = join(import.meta.dirname, "../examples/acme");
export const AS_OF = "2026-11-26";

const dirs: string[] = [];
export async function tempDir(prefix = "okr-test-"): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export async function cleanup(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export async function openService(dir: string, now = new Date("2026-11-26T12:00:00Z")): Promise<OkrService> {
  return new OkrService(await LanceStore.open(dir), () => now);
}

/** Imports as `okr import` does: a check-ins CSV streamed while the import runs. */
export async function importPath(svc: OkrService, path: string) {
  const read = await openImportSource(path);
  return svc.import(read.data, read.problems, undefined, { checkInChunks: read.checkInChunks });
}

/** A service over a fresh data directory holding the acme fixture. */
export async function acmeService(): Promise<OkrService> {
  const svc = await openService(await tempDir());
  await importPath(svc, FIXTURE);
  return svc;
}

/** A copy of the fixture folder that a test may edit. */
export async function fixtureCopy(): Promise<string> {
  const d = await tempDir("okr-fixture-copy-");
  await cp(FIXTURE, d, { recursive: true });
  return d;
}

/** Every file under a directory with its size and mtime: proof that nothing was written. The
 *  snapshot cache is left out: any read may refresh it (it is derived, see snapshot-cache.ts). */
export async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.name.startsWith(SNAPSHOT_FILE)) continue;
      if (e.isDirectory()) await walk(p);
      else {
        // A temporary file of background work (LanceDB's index build) can go between readdir and
        // stat: it is not part of what is stored.
        const s = await stat(p).catch((e: NodeJS.ErrnoException) => (e.code === "ENOENT" ? null : Promise.reject(e)));
        if (s) out.push(`${p.slice(dir.length)} ${s.size} ${s.mtimeMs}`);
      }
    }
  }
  await walk(dir);
  return out.sort();
}

/** The OkrError a promise rejects with (a test fails if it resolves or rejects with anything else). */
export async function okrErrorOf(p: Promise<unknown>, code: string = "invalid_input"): Promise<OkrError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof OkrError)) throw new Error(`expected an OkrError, got ${e === null ? "success" : String(e)}`);
  if (e.code !== code) throw new Error(`expected code ${code}, got ${e.code}: ${e.message}`);
  return e;
}

/** An export without its audit trail (which a restore extends by its own import entry). */
export function withoutAudit<T extends { audit?: unknown }>(doc: T): Omit<T, "audit"> {
  const rest: T = { ...doc };
  delete rest.audit;
  return rest;
}
