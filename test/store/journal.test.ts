// The write-ahead journal (src/store/journal.ts): a write is acknowledged once it is one fsynced
// line there, and moved into the table later. Every acknowledged write must be seen by every
// process, exactly once, whatever was killed where.

import { spawn } from "node:child_process";
import { open, readFile, readdir, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OkrService } from "../../src/service/okr-service.js";
import { LanceStore } from "../../src/store/lance-store.js";
import { AS_OF, FIXTURE, cleanup, importPath, openService, tempDir } from "../helpers.js";

afterAll(cleanup);

const DIST = join(import.meta.dirname, "../../dist/src");
const journalOf = (dir: string) => readFile(join(dir, "journal.okrwal"), "utf8");
/** Entry lines of the journal (the header left out). */
const entries = async (dir: string) =>
  (await journalOf(dir))
    .split("\n")
    .slice(1)
    .filter((l) => l && !l.startsWith("\0")); // the zeros appends have not reached

async function acme(): Promise<string> {
  const dir = await tempDir();
  const svc = await openService(dir);
  await importPath(svc, FIXTURE);
  await svc.close();
  return dir;
}

async function historyOf(dir: string, ref: string): Promise<number[]> {
  const svc = await openService(dir);
  try {
    return (await svc.keyResult(ref, AS_OF)).checkIns.map((c) => c.value);
  } finally {
    await svc.close();
  }
}

describe("the journal", () => {
  it("keeps every check-in acknowledged before a kill -9, once each, and the next process drains them", async () => {
    const dir = await acme();
    const before = await historyOf(dir, "KR2.1");
    // A writer that reports each acknowledged check-in and is killed in the middle of the stream.
    const script = `
      const { OkrService } = await import(${JSON.stringify(join(DIST, "service/okr-service.js"))});
      const { LanceStore } = await import(${JSON.stringify(join(DIST, "store/lance-store.js"))});
      LanceStore.drainEvery = 7; // drains land in the middle of the stream too
      const svc = new OkrService(await LanceStore.open(process.argv[1]));
      for (let i = 0; ; i++) {
        await svc.checkIn({ kr: "KR2.1", value: 1000 + i, confidence: 3, confirmed: true }, "${AS_OF}");
        process.stdout.write("ack " + i + "\\n");
      }`;
    const acked = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script, dir], { stdio: ["ignore", "pipe", "inherit"] });
      let last = -1;
      child.stdout.on("data", (chunk: Buffer) => {
        for (const m of chunk.toString().matchAll(/ack (\d+)/g)) last = Number(m[1]);
        if (last >= 40) child.kill("SIGKILL");
      });
      child.on("error", reject);
      child.on("exit", () => resolve(last));
    });
    expect(acked).toBeGreaterThanOrEqual(40);
    const after = await historyOf(dir, "KR2.1");
    const written = after.slice(before.length);
    // Every acknowledged one, in order, none twice (one more may have landed unacknowledged).
    expect(written.slice(0, acked + 1)).toEqual(Array.from({ length: acked + 1 }, (_, i) => 1000 + i));
    expect(written.length - (acked + 1)).toBeLessThanOrEqual(1);
    expect(after.slice(0, before.length)).toEqual(before);
    // That reader closed, so it drained: the table alone holds them now.
    expect(await entries(dir)).toEqual([]);
    expect(await historyOf(dir, "KR2.1")).toEqual(after);
  }, 60_000);

  it("takes two writer processes at once on one folder: every write once, in each writer's order", async () => {
    const dir = await acme();
    const before = await historyOf(dir, "KR2.1");
    const writer = (base: number) => `
      const { OkrService } = await import(${JSON.stringify(join(DIST, "service/okr-service.js"))});
      const { LanceStore } = await import(${JSON.stringify(join(DIST, "store/lance-store.js"))});
      LanceStore.drainEvery = 9; // drains by both, in the middle of the other's writes
      const svc = new OkrService(await LanceStore.open(process.argv[1]));
      for (let i = 0; i < 60; i++) await svc.checkIn({ kr: "KR2.1", value: ${base} + i, confidence: 3, confirmed: true }, "${AS_OF}");
      await svc.close();`;
    const run = (base: number) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ["--input-type=module", "-e", writer(base), dir], { stdio: ["ignore", "ignore", "inherit"] });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited ${code}`))));
      });
    await Promise.all([run(2000), run(3000)]);
    const written = (await historyOf(dir, "KR2.1")).slice(before.length);
    expect(written).toHaveLength(120);
    expect(written.filter((v) => v < 3000)).toEqual(Array.from({ length: 60 }, (_, i) => 2000 + i));
    expect(written.filter((v) => v >= 3000)).toEqual(Array.from({ length: 60 }, (_, i) => 3000 + i));
    expect(await entries(dir)).toEqual([]);
  }, 60_000);

  it("lets two stores of one process share the journal, one closing while the other writes on", async () => {
    const dir = await acme();
    const a = await openService(dir);
    const b = await openService(dir);
    await a.checkIn({ kr: "KR2.1", value: 81, confidence: 3 }, AS_OF);
    await b.checkIn({ kr: "KR2.1", value: 82, confidence: 3 }, AS_OF);
    await a.close(); // removes this process's pid file
    await b.checkIn({ kr: "KR2.1", value: 83, confidence: 3 }, AS_OF);
    await b.close();
    expect((await historyOf(dir, "KR2.1")).slice(-3)).toEqual([81, 82, 83]);
  });

  it("lets another process read a write that is only in the journal, without draining it", async () => {
    const dir = await acme();
    const server = await openService(dir);
    await server.checkIn({ kr: "KR2.1", value: 61, confidence: 4 }, AS_OF);
    expect(await entries(dir)).toHaveLength(1);
    const store = await LanceStore.open(dir);
    const snapshot = await store.load();
    expect(store.loadedFrom).toBe("cache"); // the import's snapshot, with the journal on top
    expect(snapshot.checkIns.values.at(-1)).toBe(61);
    expect(snapshot.version).toBe(await server.store.version());
    expect(await entries(dir)).toHaveLength(1); // nothing was moved by reading
    await store.close();
    expect(await entries(dir)).toHaveLength(1); // nor by closing: the writer moves its own
    await server.close();
    expect(await entries(dir)).toEqual([]);
  });

  it("answers a new process from the snapshot and the journal without opening the table, as the table would", async () => {
    const dir = await acme();
    const server = await openService(dir);
    await server.checkIn({ kr: "KR2.1", value: 71, confidence: 4 }, AS_OF);
    await server.createObjective({ title: "Win region Da Nang", team: "Sales", keyResults: [{ title: "Sign 5 partners in Da Nang", start: 0, target: 5 }] }, AS_OF);
    const quick = await LanceStore.open(dir);
    const fast = await quick.load();
    expect(quick.loadedFrom).toBe("cache");
    expect((quick as unknown as { table: unknown }).table).toBe(null); // LanceDB never opened
    await quick.close();
    // What the table holds once the journal is in it, read by a scan.
    await server.close();
    const { rm } = await import("node:fs/promises");
    await rm(join(dir, "snapshot.okrcache"));
    const slow = await LanceStore.open(dir);
    const full = await slow.load();
    expect(slow.loadedFrom).toBe("table");
    await slow.close();
    const byKr = (x: typeof fast) => x.checkIns.krIds.map((k, i) => `${k} ${x.checkIns.days[i]} ${x.checkIns.values[i]} ${x.checkIns.createdAt[i]}`).sort();
    expect(byKr(fast)).toEqual(byKr(full));
    expect(byKr(fast).some((r) => / 71 /.test(r))).toBe(true);
    const ids = (x: typeof fast) => [x.cycles, x.objectives, x.keyResults, x.users].map((l) => l.map((e) => JSON.stringify(e)).sort());
    expect(ids(fast)).toEqual(ids(full));
    expect(fast.version).toBe(full.version);
  });

  it("ignores a write cut short by a crash, and writes over it", async () => {
    const dir = await acme();
    const svc = await openService(dir);
    await svc.checkIn({ kr: "KR2.1", value: 62, confidence: 3 }, AS_OF);
    const version = await svc.store.version();
    // What a kill in the middle of an append leaves: part of a line where the next one goes,
    // never acknowledged.
    const text = await journalOf(dir);
    const fh = await open(join(dir, "journal.okrwal"), "r+");
    await fh.write('1234abcd {"kind":["check_in"],"id":["x"],"parent":["', Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1)));
    await fh.close();
    const other = await openService(dir);
    expect(await other.store.version()).toBe(version);
    expect((await other.store.load()).checkIns.values.at(-1)).toBe(62);
    await other.checkIn({ kr: "KR2.1", value: 63, confidence: 3 }, AS_OF);
    expect(await entries(dir)).toHaveLength(2);
    expect(await entries(dir)).not.toContainEqual(expect.stringContaining('"id":["x"]'));
    await other.close();
    await svc.close();
    expect((await historyOf(dir, "KR2.1")).slice(-2)).toEqual([62, 63]);
  });

  it("takes over a lock left empty by a process killed as it took it, and clears a dead process's pid file", async () => {
    const dir = await acme();
    const lock = join(dir, "journal.lock");
    await writeFile(lock, "");
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    // And the pid file a killed process left behind.
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", "0"]);
      child.on("exit", () => resolve(child.pid!));
    });
    await writeFile(join(dir, `journal.${dead}.lock`), `${dead}\n`);
    const svc = await openService(dir);
    await svc.checkIn({ kr: "KR2.1", value: 68, confidence: 3 }, AS_OF);
    await svc.close();
    expect((await historyOf(dir, "KR2.1")).at(-1)).toBe(68);
    expect((await readdir(dir)).filter((n) => n.endsWith(".lock"))).toEqual([]);
  });

  it("adds nothing twice when a drain is killed between its commit and the journal's reset", async () => {
    const dir = await acme();
    const svc = await openService(dir);
    const before = await historyOf(dir, "KR2.1");
    await svc.checkIn({ kr: "KR2.1", value: 64, confidence: 3 }, AS_OF);
    await svc.checkIn({ kr: "KR2.1", value: 65, confidence: 3 }, AS_OF);
    const version = await svc.store.version();
    LanceStore.beforeJournalReset = () => {
      throw new Error("killed");
    };
    try {
      await expect((svc.store as LanceStore).drain()).rejects.toThrow("killed");
    } finally {
      LanceStore.beforeJournalReset = null;
    }
    // The table has both rows and the journal still lists them.
    expect(await entries(dir)).toHaveLength(2);
    const reader = await openService(dir);
    expect(await reader.store.version()).toBe(version);
    expect((await reader.keyResult("KR2.1", AS_OF)).checkIns.map((c) => c.value)).toEqual([...before, 64, 65]);
    await reader.close();
    expect(await entries(dir)).toEqual([]);
    expect(await historyOf(dir, "KR2.1")).toEqual([...before, 64, 65]);
    await svc.close();
  });

  it("applies a correction waiting in the journal before anyone reads", async () => {
    const dir = await acme();
    const svc = await openService(dir);
    await svc.checkIn({ kr: "KR2.1", value: 66, confidence: 3 }, AS_OF);
    await svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 67 }, AS_OF);
    const fresh = new OkrService(await LanceStore.open(dir));
    const values = (await fresh.keyResult("KR2.1", AS_OF)).checkIns.map((c) => c.value);
    expect(values.at(-1)).toBe(67);
    expect(values).not.toContain(66);
    await fresh.close();
    await svc.close();
  });
});

describe("a server's drains", () => {
  /** A store prepared as a server's, that fails the test if it commits a drain itself. */
  async function serverStore(dir: string) {
    const svc = await openService(dir);
    const store = svc.store as LanceStore;
    await store.prepareForWrites();
    (store as unknown as { drainLocked: () => Promise<void> }).drainLocked = () => Promise.reject(new Error("drained in the server's process"));
    return { svc, store };
  }

  it("run in a process of their own: the journal is moved into the table, and every process sees it", async () => {
    const dir = await acme();
    const before = await historyOf(dir, "KR2.1");
    const { svc } = await serverStore(dir);
    await svc.checkIn({ kr: "KR2.1", value: 71, confidence: 3 }, AS_OF);
    await svc.checkIn({ kr: "KR2.1", value: 72, confidence: 3, note: "zephyr onboarding calls booked" }, AS_OF);
    expect(await entries(dir)).toHaveLength(2);
    // A read that the table answers has the journal moved first, by a drain process.
    expect((await svc.search("zephyr")).map((h) => h.ref)).toEqual(["KR2.1"]);
    expect(await entries(dir)).toEqual([]);
    // This process has them, and another finds them in the table (the journal is empty).
    expect((await svc.keyResult("KR2.1", AS_OF)).checkIns.map((c) => c.value)).toEqual([...before, 71, 72]);
    expect(await historyOf(dir, "KR2.1")).toEqual([...before, 71, 72]);
    await svc.checkIn({ kr: "KR2.1", value: 73, confidence: 3 }, AS_OF);
    await svc.close(); // what it appended goes the same way
    expect(await entries(dir)).toEqual([]);
    expect(await historyOf(dir, "KR2.1")).toEqual([...before, 71, 72, 73]);
  });

  it("that fail say why, lose nothing, and the next one moves everything", async () => {
    const dir = await acme();
    const before = await historyOf(dir, "KR2.1");
    const { svc, store } = await serverStore(dir);
    await svc.checkIn({ kr: "KR2.1", value: 74, confidence: 3 }, AS_OF);
    const failing = join(await tempDir(), "fail.mjs");
    await writeFile(failing, `process.stderr.write("okr: error: no space left on device\\n"); process.exitCode = 1;\n`);
    LanceStore.drainScript = failing;
    try {
      await expect(store.drain()).rejects.toThrow(/^no space left on device$/);
    } finally {
      LanceStore.drainScript = undefined;
    }
    expect(await entries(dir)).toHaveLength(1);
    await svc.checkIn({ kr: "KR2.1", value: 75, confidence: 3 }, AS_OF);
    await store.drain();
    expect(await entries(dir)).toEqual([]);
    expect(await historyOf(dir, "KR2.1")).toEqual([...before, 74, 75]);
    await svc.close();
  });

  it("pass the process's warnings on, and stop one that hangs", async () => {
    const { drainInOwnProcess } = await import("../../src/store/drain-process.js");
    const scripts = await tempDir();
    const warns = join(scripts, "warns.mjs");
    await writeFile(warns, `process.stderr.write("okr: warning: compaction failed (test)\\n");\n`);
    const lines: string[] = [];
    await drainInOwnProcess(scripts, { entry: warns, log: (l) => lines.push(l) });
    expect(lines).toEqual(["okr: warning: compaction failed (test)"]);
    const hangs = join(scripts, "hangs.mjs");
    await writeFile(hangs, `setInterval(() => {}, 1000);\n`);
    await expect(drainInOwnProcess(scripts, { entry: hangs, timeoutMs: 300 })).rejects.toThrow("the drain took longer than 300 ms and was stopped");
    await expect(drainInOwnProcess(scripts, { entry: join(scripts, "missing.mjs") })).rejects.toThrow("missing.mjs is missing: run npm run build");
  });
});
