// Writes in one process run one at a time, each planned on what the previous one left: concurrent
// creations get distinct refs, and concurrent check-ins all land.

import { spawn } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, FIXTURE, acmeService, cleanup, openService, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("concurrent writes in one process", () => {
  it("gives eight objectives created at once eight refs, and four KRs added at once four", async () => {
    const svc = await acmeService();
    const made = await Promise.all(Array.from({ length: 8 }, (_, i) => svc.createObjective({ title: `Delight customer group ${i}`, team: "Product" }, AS_OF)));
    const refs = made.map((m) => m.objective.ref);
    expect(new Set(refs).size).toBe(8);
    expect(refs.sort()).toEqual(["O10", "O11", "O12", "O13", "O14", "O15", "O16", "O17"]);
    const krs = await Promise.all(Array.from({ length: 4 }, (_, i) => svc.addKeyResult({ objective: "O2", title: `Grow signal ${i} from 1 to 2`, start: 1, target: 2 }, AS_OF)));
    expect(krs.map((k) => k.ref).sort()).toEqual(["KR2.4", "KR2.5", "KR2.6", "KR2.7"]);
    // Stored once each: the workspace read back has each ref once.
    const stored = [...(await svc.ws()).objectives.values()].map((o) => o.ref);
    expect(stored.filter((r) => refs.includes(r)).length).toBe(8);
    // A refused write does not block the ones queued behind it.
    const [bad, good] = await Promise.allSettled([svc.checkIn({ kr: "KR99.9", value: 1 }, AS_OF), svc.checkIn({ kr: "KR2.1", value: 50, confidence: 3 }, AS_OF)]);
    expect(bad.status).toBe("rejected");
    expect(good.status).toBe("fulfilled");
    await svc.close();
  });
});

describe("two writers on one workspace (two servers, one folder)", () => {
  it("end with distinct refs for everything they created at the same moment", async () => {
    const { openService, importPath, FIXTURE, tempDir } = await import("../helpers.js");
    const dir = await tempDir();
    const a = await openService(dir);
    await importPath(a, FIXTURE);
    const b = await openService(dir); // its own store and in-memory workspace, as another process has
    await b.tree(AS_OF);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? a : b).createObjective({ title: `Win region ${i}`, team: "Sales", keyResults: [{ title: `Sign 5 partners in region ${i}`, start: 0, target: 5 }] }, AS_OF),
      ),
    );
    const reader = await openService(dir);
    const ws = await reader.ws();
    const created = [...ws.objectives.values()].filter((o) => o.title.startsWith("Win region "));
    expect(created).toHaveLength(6);
    const refs = created.map((o) => o.ref);
    expect(new Set(refs).size).toBe(6);
    const krRefs = [...ws.keyResults.values()].filter((k) => k.title.startsWith("Sign 5 partners")).map((k) => k.ref);
    expect(new Set(krRefs).size).toBe(6);
    // Each KR sits under its objective's number, and each caller was told the ref that stands.
    for (const o of created) expect([...ws.keyResults.values()].find((k) => k.objectiveId === o.id)!.ref.startsWith(`KR${o.ref.slice(1)}.`)).toBe(true);
    for (const r of results) expect(ws.objectives.get(r.objective.id)!.ref).toBe(r.objective.ref);
    await Promise.all([a.close(), b.close(), reader.close()]);
  }, 60_000);
});

describe("two imports at once (issue 15 #2)", () => {
  const BIN = join(import.meta.dirname, "../../bin/okr.js");
  const okrImport = (data: string) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, "import", FIXTURE, "--data", data], { stdio: ["ignore", "ignore", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("exit", (code) => resolve({ code, stderr }));
    });

  it("add the rows once: the second waits for the first, then finds them there", async () => {
    for (let round = 0; round < 3; round++) {
      const data = await tempDir();
      const [a, b] = await Promise.all([okrImport(data), okrImport(data)]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      const svc = await openService(data);
      expect((await svc.store.checkInsAsWritten()).length, `round ${round}`).toBe(193);
      expect((await svc.ws()).keyResults.size).toBe(25);
      await svc.close();
      expect(await readdir(data)).not.toContain("import.lock");
    }
  }, 60_000);

  it("takes over the lock of an import that was killed", async () => {
    const data = await tempDir();
    await writeFile(join(data, "import.lock"), "999999999\n"); // no such process
    const r = await okrImport(data);
    expect(r.code, r.stderr).toBe(0);
    expect(await readdir(data)).not.toContain("import.lock");
  });
});
