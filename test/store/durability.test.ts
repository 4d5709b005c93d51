// Acknowledged writes are on disk: a write is one fdatasync'ed line of the journal, and each commit
// of the table (a drain of the journal, an import) fsyncs the files it created (its data file, its
// manifest, its transaction) and the directories that name them.

import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LanceStore } from "../../src/store/lance-store.js";
import { isLocalPath } from "../../src/paths.js";
import { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, FIXTURE, cleanup, importPath, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("durable commits", () => {
  it("fsyncs every file and directory a drained check-in created, the newest manifest included", async () => {
    const dir = await tempDir();
    const store = await LanceStore.open(dir);
    const svc = new OkrService(store, () => new Date("2026-11-26T12:00:00Z"));
    await importPath(svc, FIXTURE);
    // The first commit created the whole tree: all of it was synced, the data directory's parent too.
    const first = store.flusher!.lastSynced.map((p) => relative(dir, p));
    expect(first).toContain("records.lance");
    expect(first).toContain("..");
    await store.idle(); // the search index, built in the background after the import
    const syncedBefore = store.flusher!.lastSynced;
    await svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3 }, AS_OF);
    // Acknowledged once in the journal (fdatasync'ed), before any table commit.
    expect(store.flusher!.lastSynced).toBe(syncedBefore);
    expect(await readFile(join(dir, "journal.okrwal"), "utf8")).toMatch(/"value":\[0,50\]/);
    // Moved into the table: the commit's files are synced like any other.
    await store.drain();
    const synced = store.flusher!.lastSynced.map((p) => relative(dir, p));
    const manifests = (await readdir(join(dir, "records.lance", "_versions"))).filter((f) => f.endsWith(".manifest"));
    // Lance numbers manifests downwards: the newest has the smallest name.
    const newest = manifests.sort((a, b) => (BigInt(a.split(".")[0]!) < BigInt(b.split(".")[0]!) ? -1 : 1))[0]!;
    expect(synced).toContain(join("records.lance", "_versions", newest));
    expect(synced.filter((p) => p.startsWith(join("records.lance", "data") + "/") && p.endsWith(".lance"))).toHaveLength(1);
    expect(synced.some((p) => p.startsWith(join("records.lance", "_transactions") + "/"))).toBe(true);
    for (const d of ["data", "_versions", "_transactions"]) expect(synced).toContain(join("records.lance", d));
    // Nothing older than this commit is synced again.
    expect(synced.length).toBeLessThan(10);
    await svc.close();
  });

  it("leaves object-store locations to their store", () => {
    expect(isLocalPath("./data")).toBe(true);
    expect(isLocalPath("/var/okr")).toBe(true);
    expect(isLocalPath("C:\\okr")).toBe(true);
    expect(isLocalPath("s3://bucket/okr")).toBe(false);
    expect(isLocalPath("s3+ddb://bucket/okr?ddbTableName=t")).toBe(false);
  });
});
