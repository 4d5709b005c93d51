// Dry runs: every write validated and answered as the real write would be, with nothing stored
// (the store's version does not move), and a bad call failing with the real call's error.

import { afterEach, describe, expect, it } from "vitest";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, acmeService, cleanup } from "../helpers.js";
import { connectedClient, text } from "../mcp/helpers.js";

afterEach(cleanup);

/** Runs `write` as a dry run, checks that nothing was stored, then for real: both results. */
async function dryThenReal<T>(svc: OkrService, write: (dryRun: boolean) => Promise<T>): Promise<{ dry: T; real: T }> {
  const version = await svc.store.version();
  const dry = await write(true);
  expect(await svc.store.version()).toBe(version);
  const real = await write(false);
  expect(await svc.store.version()).not.toBe(version);
  return { dry, real };
}

/** The error a call throws, as its code and message. */
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe("service dry runs", () => {
  it("checkIn: the same before and after as the check-in, and nothing stored", async () => {
    const svc = await acmeService();
    const { dry, real } = await dryThenReal(svc, (dryRun) => svc.checkIn({ kr: "KR2.1", value: 56, confidence: 4, note: "emails" }, AS_OF, { dryRun }));
    expect(dry).toEqual(real);
    expect(dry.before.progress).not.toBe(dry.after.progress);
    await svc.close();
  });

  it("correctCheckIn: corrects and retracts as the real correction would", async () => {
    const svc = await acmeService();
    await svc.checkIn({ kr: "KR2.1", value: 5.5, confidence: 4 }, AS_OF);
    const fix = await dryThenReal(svc, (dryRun) => svc.correctCheckIn({ kr: "KR2.1", action: "correct", value: 55 }, AS_OF, { dryRun }));
    expect(fix.dry).toEqual(fix.real);
    expect(fix.dry.after.current).toBe(55);
    const undo = await dryThenReal(svc, (dryRun) => svc.correctCheckIn({ action: "retract" }, AS_OF, { dryRun }));
    expect(undo.dry).toEqual(undo.real);
    await svc.close();
  });

  it("createObjective, addKeyResult and updateKeyResult return what they would write, refs included", async () => {
    const svc = await acmeService();
    const strip = <T extends { id: string; createdAt: string; updatedAt: string }>(x: T) => ({ ...x, id: "", createdAt: "", updatedAt: "" });
    const o = await dryThenReal(svc, (dryRun) =>
      svc.createObjective(
        {
          title: "Make support feel instant",
          team: "Customer Success",
          owner: "Grace Okafor",
          parent: "O1",
          keyResults: [{ title: "Cut first reply", start: 8, target: 2, unit: "hours" }],
        },
        AS_OF,
        {
          dryRun,
        },
      ),
    );
    expect(strip(o.dry.objective)).toEqual(strip(o.real.objective));
    expect(o.dry.objective.ref).toBe("O10");
    expect(o.dry.keyResults.map((k) => k.ref)).toEqual(o.real.keyResults.map((k) => k.ref));
    const k = await dryThenReal(svc, (dryRun) => svc.addKeyResult({ objective: "O10", title: "Answer within a day", start: 60, target: 95, unit: "%" }, AS_OF, { dryRun }));
    expect(k.dry.ref).toBe("KR10.2");
    expect({ ...strip(k.dry), objectiveId: "" }).toEqual({ ...strip(k.real), objectiveId: "" });
    const u = await dryThenReal(svc, (dryRun) => svc.updateKeyResult("KR10.2", { target: 90, owner: "Minh" }, { dryRun }));
    expect(u.dry.changed).toEqual(["target", "owner"]);
    expect(strip(u.dry.keyResult)).toEqual(strip(u.real.keyResult));
    await svc.close();
  });

  it("fails a bad call exactly as the write fails it, and stores nothing", async () => {
    const svc = await acmeService();
    const version = await svc.store.version();
    const bad: ((dryRun: boolean) => Promise<unknown>)[] = [
      (dryRun) => svc.checkIn({ kr: "retention", value: 55, confidence: 4 }, AS_OF, { dryRun }),
      (dryRun) => svc.checkIn({ kr: "KR2.1", value: 55, confidence: 7 }, AS_OF, { dryRun }),
      (dryRun) => svc.checkIn({ kr: "KR2.1", value: 55, confidence: 4, date: "2027-03-01" }, AS_OF, { dryRun }),
      (dryRun) => svc.correctCheckIn({ kr: "KR2.1", action: "correct" }, AS_OF, { dryRun }),
      (dryRun) => svc.createObjective({ title: "Grow", team: "Sales", cycle: "2031-Q1" }, AS_OF, { dryRun }),
      (dryRun) => svc.addKeyResult({ objective: "O42", title: "x", target: 1 }, AS_OF, { dryRun }),
      (dryRun) => svc.updateKeyResult("KR2.1", { target: 10 }, { dryRun }),
    ];
    for (const call of bad) {
      const dry = await failure(call(true));
      expect(dry).not.toBeNull();
      expect(await failure(call(false))).toEqual(dry);
    }
    expect(await svc.store.version()).toBe(version);
    await svc.close();
  });
});

describe("dryRun on the MCP write tools", () => {
  it("answers like the write, says it would, and leaves the store's version alone", async () => {
    const h = await connectedClient();
    const calls: [string, Record<string, unknown>][] = [
      ["log_check_in", { keyResult: "KR2.1", value: 56, confidence: 4, note: "emails" }],
      ["correct_check_in", { keyResult: "KR2.1", value: 53.1 }],
      ["create_objective", { title: "Make support feel instant", team: "Customer Success" }],
      ["add_key_result", { objective: "O6", title: "Cut first reply", start: 8, target: 2, unit: "hours" }],
      ["update_key_result", { keyResult: "KR6.1", owner: "Minh" }],
    ];
    const version = await h.service.store.version();
    for (const [name, args] of calls) {
      const dry = await h.call(name, { ...args, dryRun: true });
      expect(dry.isError, `${name}: ${text(dry)}`).toBeFalsy();
      expect(text(dry), name).toMatch(/^Would /);
      expect(await h.service.store.version(), name).toBe(version);
    }
    const bad = await h.call("log_check_in", { keyResult: "KR2.1", value: 56, confidence: 9, dryRun: true });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toBe(text(await h.call("log_check_in", { keyResult: "KR2.1", value: 56, confidence: 9 })));
    expect(await h.service.store.version()).toBe(version);
    await h.close();
  });
});
