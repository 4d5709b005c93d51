// The snapshot cache (src/store/snapshot-cache.ts): a new process reads the last snapshot from one
// file instead of scanning the table, but only while the table is at exactly the version it was read
// at, and never from a file that is damaged.

import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { OkrService } from "../../src/service/okr-service.js";
import { LanceStore } from "../../src/store/lance-store.js";
import type { Snapshot } from "../../src/store/store.js";
import { SNAPSHOT_FILE } from "../../src/store/snapshot-cache.js";
import { AS_OF, FIXTURE, cleanup, importPath, openService, tempDir } from "../helpers.js";

afterEach(cleanup);

/** The snapshot as sets: the cache groups check-ins by KR, the table gives them as written. */
function canonical(s: Snapshot) {
  const { krIds, days, values, confidences, createdAt } = s.checkIns;
  const rows = krIds.map((k, i) => `${k}|${days[i]}|${values[i]}|${confidences[i]}|${createdAt[i]}`).sort();
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  return { version: s.version, cycles: byId(s.cycles), objectives: byId(s.objectives), keyResults: byId(s.keyResults), rows };
}

async function loadFresh(dir: string): Promise<{ snapshot: Snapshot; from: string | null }> {
  const store = await LanceStore.open(dir);
  const snapshot = await store.load();
  await store.close(); // waits for the cache to be written
  return { snapshot, from: store.loadedFrom };
}

async function acmeDir(): Promise<string> {
  const dir = await tempDir();
  const svc = await openService(dir);
  await importPath(svc, FIXTURE);
  await svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 55, author: "Minh" }, AS_OF);
  await svc.close();
  await rm(join(dir, SNAPSHOT_FILE), { force: true });
  return dir;
}

describe("snapshot cache", () => {
  it("gives the next process exactly what the table gives, corrections applied", async () => {
    const dir = await acmeDir();
    const first = await loadFresh(dir);
    expect(first.from).toBe("table");
    expect((await stat(join(dir, SNAPSHOT_FILE))).size).toBeGreaterThan(0);
    const second = await loadFresh(dir);
    expect(second.from).toBe("cache");
    expect(canonical(second.snapshot)).toEqual(canonical(first.snapshot));
    expect(second.snapshot.checkIns.krIds.length).toBe(193);
    // And the answers built on it are the same.
    const a = new OkrService(await LanceStore.open(dir));
    const viaCache = await a.tree(AS_OF);
    await a.close();
    await writeFile(join(dir, SNAPSHOT_FILE), "");
    const b = new OkrService(await LanceStore.open(dir));
    expect(await b.tree(AS_OF)).toEqual(viaCache);
    expect((b.store as LanceStore).loadedFrom).toBe("table");
    await b.close();
  });

  it("is not used once anyone has written since, and is replaced by the next read", async () => {
    const dir = await acmeDir();
    const { snapshot } = await loadFresh(dir);
    // Another process's write that leaves no snapshot behind.
    const writer = await LanceStore.open(dir);
    const krId = snapshot.keyResults.find((k) => k.ref === "KR1.1")!.id;
    await writer.commit({ checkIns: [{ id: "c-111", krId, date: AS_OF, value: 111, confidence: 4, note: "", author: "", createdAt: new Date().toISOString() }] });
    await writer.close();
    const after = await loadFresh(dir);
    expect(after.from).toBe("table");
    expect(after.snapshot.checkIns.values).toContain(111);
    const again = await loadFresh(dir);
    expect(again.from).toBe("cache");
    expect(again.snapshot.checkIns.values).toContain(111);
  });

  it("a process that wrote leaves its snapshot, stamps included: the next one reads exactly what the table holds", async () => {
    const dir = await acmeDir();
    await loadFresh(dir);
    const writer = await openService(dir);
    await writer.checkIn({ kr: "KR1.1", value: 111, confidence: 4 }, AS_OF);
    await writer.checkIn({ kr: "KR1.1", value: 112, confidence: 4 }, AS_OF);
    const made = await writer.createObjective(
      { title: "Win the enterprise segment", team: "Sales", keyResults: [{ title: "Sign 5 enterprise logos", kind: "metric", start: 0, target: 5, unit: "logos" }] } as never,
      AS_OF,
    );
    await writer.close();
    const next = await loadFresh(dir);
    expect(next.from).toBe("cache");
    await writeFile(join(dir, SNAPSHOT_FILE), "");
    const table = await loadFresh(dir);
    expect(table.from).toBe("table");
    expect(canonical(next.snapshot)).toEqual(canonical(table.snapshot));
    expect(next.snapshot.checkIns.values).toContain(112);
    expect(next.snapshot.objectives.map((o) => o.id)).toContain(made.objective.id);
  });

  it("a server leaves its snapshot once it is idle, without closing, for the commands beside it", async () => {
    const dir = await acmeDir();
    await loadFresh(dir);
    const server = await openService(dir);
    server.snapshotWhenIdle(50);
    await server.checkIn({ kr: "KR1.1", value: 111, confidence: 4 }, AS_OF);
    await server.checkIn({ kr: "KR1.1", value: 112, confidence: 4 }, AS_OF);
    const written = async () => (await stat(join(dir, SNAPSHOT_FILE)).catch(() => null))?.mtimeMs ?? 0;
    const before = await written();
    // The index build and compaction a write starts come first; then the idle timer writes it.
    for (let i = 0; i < 100 && (await written()) === before; i++) await new Promise((r) => setTimeout(r, 100));
    await server.store.idle();
    await new Promise((r) => setTimeout(r, 300));
    const next = await loadFresh(dir);
    expect(next.from).toBe("cache");
    expect(next.snapshot.checkIns.values).toContain(112);
    await writeFile(join(dir, SNAPSHOT_FILE), "");
    expect(canonical(next.snapshot)).toEqual(canonical((await loadFresh(dir)).snapshot));
    await server.close();
  });

  it("an import leaves its snapshot too, into a new folder or on top of a workspace", async () => {
    const dir = await tempDir();
    for (const round of [1, 2]) {
      const svc = await openService(dir);
      const source = round === 1 ? FIXTURE : join(import.meta.dirname, "../../examples/acme/checkins.csv");
      if (round === 2) await svc.checkIn({ kr: "KR1.1", value: 99, confidence: 3 }, AS_OF); // a store the import adds to
      await importPath(svc, source);
      await svc.close();
      const next = await loadFresh(dir);
      expect(next.from, `round ${round}`).toBe("cache");
      await rm(join(dir, SNAPSHOT_FILE));
      const table = await loadFresh(dir);
      expect(canonical(next.snapshot)).toEqual(canonical(table.snapshot));
    }
  });

  it("ignores a damaged or truncated file", async () => {
    const dir = await acmeDir();
    const truth = canonical((await loadFresh(dir)).snapshot);
    const path = join(dir, SNAPSHOT_FILE);
    const good = await readFile(path);
    const flipped = Buffer.from(good);
    flipped[good.length - 100]! ^= 0x40; // inside the check-in columns
    for (const bad of [flipped, good.subarray(0, good.length - 8), Buffer.from("OKRSNAP1garbage")]) {
      await writeFile(path, bad);
      const read = await loadFresh(dir);
      expect(read.from).toBe("table");
      expect(canonical(read.snapshot)).toEqual(truth);
    }
  });
});
