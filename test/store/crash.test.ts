// Atomicity under a crash: an import killed with SIGKILL at any moment leaves either the whole
// import or nothing, and the directory stays usable.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeSyntheticWorkspace } from "../../src/bench/synthetic.js";
import { LanceStore } from "../../src/store/lance-store.js";
import { cleanup, tempDir } from "../helpers.js";

const BIN = join(import.meta.dirname, "../../bin/okr.js");
const KRS = 1000;
const PER_KR = 40;

afterAll(cleanup);

/** Runs an import; kills it `killAfterMs` after it reports reading its files (null = let it finish). */
function importRun(source: string, data: string, killAfterMs: number | null): Promise<{ ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "import", source, "--data", data], { stdio: ["ignore", "ignore", "pipe"] });
    let started = 0;
    child.stderr.on("data", (chunk: Buffer) => {
      if (!started && chunk.toString().includes("Read ")) {
        started = performance.now();
        if (killAfterMs !== null) setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (killAfterMs === null && code !== 0) reject(new Error(`import exited ${code}`));
      resolve({ ms: performance.now() - started, killed: signal === "SIGKILL" });
    });
  });
}

async function counts(dir: string): Promise<[number, number]> {
  const store = await LanceStore.open(dir);
  const s = await store.load();
  await store.close();
  return [s.keyResults.length, s.checkIns.krIds.length];
}

describe("crash safety", () => {
  it("an import killed mid-way leaves all of it or none of it", async () => {
    const source = await tempDir("okr-synth-");
    await writeSyntheticWorkspace(source, { keyResults: KRS, checkInsPerKr: PER_KR });
    const full = await importRun(source, await tempDir(), null);
    const outcomes: string[] = [];
    // Kill at several points of a normal run's length, the later ones landing in the commit itself.
    for (const share of [0.5, 0.8, 0.9, 0.95, 0.98]) {
      const data = await tempDir();
      const run = await importRun(source, data, Math.round(full.ms * share));
      const [krs, checkIns] = await counts(data);
      outcomes.push(`${share}: killed=${run.killed} krs=${krs} checkIns=${checkIns}`);
      expect(
        [
          [0, 0],
          [KRS, KRS * PER_KR],
        ],
        outcomes.join("\n"),
      ).toContainEqual([krs, checkIns]);
      // Still usable: finishing the import afterwards gives the whole workspace once.
      await importRun(source, data, null);
      expect(await counts(data)).toEqual([KRS, KRS * PER_KR]);
    }
  }, 120_000);
});

describe("a check-in killed right after it was acknowledged", () => {
  it("is on disk, whatever background index work was under way", async () => {
    const { OkrService } = await import("../../src/service/okr-service.js");
    const { FIXTURE, importPath } = await import("../helpers.js");
    for (let round = 0; round < 3; round++) {
      const data = await tempDir();
      const svc = new OkrService(await LanceStore.open(data));
      await importPath(svc, FIXTURE);
      await svc.store.idle();
      await svc.close();
      // No index: the check-in below starts building one in the background after its commit.
      const store = await LanceStore.open(data);
      const table = await (store as unknown as { refreshTable(): Promise<{ listIndices(): Promise<{ name: string }[]>; dropIndex(n: string): Promise<void> }> }).refreshTable();
      for (const i of await table.listIndices()) await table.dropIndex(i.name);
      await store.close();
      const value = 47 + round / 10;
      const acknowledged = await new Promise<boolean>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, "checkin", "KR2.1", String(value), "--confidence", "3", "--data", data, "--as-of", "2026-11-26"], {
          stdio: ["ignore", "pipe", "ignore"],
        });
        let seen = false;
        child.stdout.on("data", (chunk: Buffer) => {
          if (!seen && chunk.toString().startsWith("Logged")) {
            seen = true;
            child.kill("SIGKILL"); // the moment the person is told it was logged
          }
        });
        child.on("error", reject);
        child.on("exit", () => resolve(seen));
      });
      expect(acknowledged).toBe(true);
      const reopened = new OkrService(await LanceStore.open(data));
      const history = (await reopened.keyResult("KR2.1", "2026-11-26")).checkIns;
      expect(history.at(-1)).toMatchObject({ date: "2026-11-26", value, confidence: 3 });
      expect((await reopened.search("retention")).map((h) => h.ref)).toContain("KR2.1");
      await reopened.close();
    }
  }, 60_000);
});

describe("a table folder left without any version", () => {
  it("opens as an empty store and takes writes again (what a kill during table creation leaves)", async () => {
    const { mkdir } = await import("node:fs/promises");
    const dir = await tempDir();
    await mkdir(join(dir, "records.lance", "data"), { recursive: true });
    await mkdir(join(dir, "__manifest"), { recursive: true });
    const store = await LanceStore.open(dir);
    expect((await store.load()).keyResults).toEqual([]);
    await store.close();
    const again = await LanceStore.open(dir);
    const { OkrService } = await import("../../src/service/okr-service.js");
    const svc = new OkrService(again);
    await svc.createCycle({ name: "2027-Q1", start: "2027-01-01", end: "2027-03-31" });
    expect((await again.load()).cycles.map((c) => c.name)).toEqual(["2027-Q1"]);
    await svc.close();
  });
});
