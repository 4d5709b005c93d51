// Index and compaction work never holds a write: a stuck index build leaves check-ins acknowledged,
// search reads the notes directly meanwhile, and closing gives up on the build with a warning.

import { afterAll, describe, expect, it } from "vitest";
import type * as LanceTypes from "@lancedb/lancedb";
import { LanceStore } from "../../src/store/lance-store.js";
import { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, FIXTURE, cleanup, importPath, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("background index work", () => {
  it("acknowledges writes while the index build is stuck, searches without it, and closes with a warning", async () => {
    const dir = await tempDir();
    const first = new OkrService(await LanceStore.open(dir), () => new Date("2026-11-26T12:00:00Z"));
    await importPath(first, FIXTURE);
    await first.close();

    // A workspace whose index is gone, and whose next index build never finishes.
    const store = await LanceStore.open(dir);
    const table = (await (store as unknown as { refreshTable(): Promise<LanceTypes.Table> }).refreshTable())!;
    for (const i of await table.listIndices()) await table.dropIndex(i.name);
    let builds = 0;
    table.createIndex = () => {
      builds++;
      return new Promise<void>(() => {});
    };
    const warnings: string[] = [];
    const warn = LanceStore.warn;
    const wait = LanceStore.maintenanceWaitMs;
    LanceStore.warn = (m) => void warnings.push(m);
    LanceStore.maintenanceWaitMs = 200;
    try {
      const svc = new OkrService(store, () => new Date("2026-11-26T12:00:00Z"));
      const before = (await svc.keyResult("KR2.1", AS_OF)).checkIns.length;
      await svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3, note: "retention emails shipped" }, AS_OF);
      await svc.checkIn({ kr: "KR2.1", value: 51, confidence: 3 }, AS_OF);
      expect((await svc.keyResult("KR2.1", AS_OF)).checkIns.length).toBe(before + 2);
      expect(builds).toBe(1); // started once, in the background, not again per write
      // Search reads the rows directly, accents folded like the index does.
      const hits = await svc.search("retention");
      expect(hits.map((h) => h.ref)).toContain("KR2.1");
      expect((await svc.search("khach hang tiem nang")).map((h) => h.ref)).toContain("KR8.3");
      await svc.close();
      expect(warnings).toEqual([expect.stringMatching(/^background index or compaction work did not finish in time/)]);
    } finally {
      LanceStore.warn = warn;
      LanceStore.maintenanceWaitMs = wait;
    }
  });
});

describe("table handle recycling", () => {
  it("opens fresh handles every few commits, closes the old ones later, and loses nothing", async () => {
    const dir = await tempDir();
    const every = LanceStore.recycleEvery;
    const after = LanceStore.retireAfterMs;
    LanceStore.recycleEvery = 3;
    LanceStore.retireAfterMs = 0;
    try {
      const store = await LanceStore.open(dir);
      const svc = new OkrService(store, () => new Date("2026-11-26T12:00:00Z"));
      await importPath(svc, FIXTURE); // commit 1
      await store.idle();
      const handle = () => (store as unknown as { table: LanceTypes.Table | null }).table;
      const first = handle()!;
      const before = (await svc.keyResult("KR2.1", AS_OF)).checkIns.length;
      // Each check-in lands in the journal; each drain is a commit of the table.
      await svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3 }, AS_OF);
      await store.drain(); // 2
      await svc.checkIn({ kr: "KR2.1", value: 51, confidence: 3 }, AS_OF);
      await store.drain(); // 3: recycled
      expect(handle()).toBe(null);
      await svc.checkIn({ kr: "KR2.1", value: 52, confidence: 3 }, AS_OF);
      await store.drain(); // on a fresh handle
      expect(handle()).not.toBe(first);
      await store.idle();
      await new Promise((r) => setTimeout(r, 50));
      expect(first.isOpen()).toBe(false);
      expect(handle()!.isOpen()).toBe(true);
      expect((await svc.keyResult("KR2.1", AS_OF)).checkIns.length).toBe(before + 3);
      expect((await svc.search("retention")).length).toBeGreaterThan(0);
      await svc.close();
    } finally {
      LanceStore.recycleEvery = every;
      LanceStore.retireAfterMs = after;
    }
  });
});
