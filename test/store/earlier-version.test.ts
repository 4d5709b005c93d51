// A data directory written by okr 0.1.0, before the journal and the snapshot cache existed
// (test/fixtures/workspace-0.1.0: the acme fixture imported, a check-in logged, one undone, a KR's
// target moved, all with that version's CLI; beside it that version's JSON export). The table's
// format has not changed since, so it opens as it is, with no migration step; the journal and the
// snapshot cache appear beside it on first use. Every record must be there.

import { cp, readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AS_OF, cleanup, openService, tempDir, withoutAudit } from "../helpers.js";

afterAll(cleanup);

const FIXTURES = join(import.meta.dirname, "../fixtures");

async function copyOfOld(): Promise<string> {
  const dir = await tempDir();
  await cp(join(FIXTURES, "workspace-0.1.0"), dir, { recursive: true });
  return dir;
}

type Exported = { objectives: { keyResults: { ref: string; target: number; checkIns: { value: number; date: string }[] }[] }[] };
const oldExport = async () => JSON.parse(await readFile(join(FIXTURES, "workspace-0.1.0.export.json"), "utf8")) as Exported;
const kr = (doc: Exported, ref: string) => doc.objectives.flatMap((o) => o.keyResults).find((k) => k.ref === ref)!;

describe("a workspace written by okr 0.1.0", () => {
  it("opens with every record as that version exported it, and takes writes on top", async () => {
    const dir = await copyOfOld();
    const before = await oldExport();
    expect(kr(before, "KR3.1").target).toBe(60); // what the fixture holds: the moved target…
    expect(kr(before, "KR2.1").checkIns.at(-1)?.value).toBe(66); // …and the logged check-in

    const svc = await openService(dir);
    expect(withoutAudit(await svc.exportDocument())).toEqual(before);
    await svc.checkIn({ kr: "KR2.2", value: 31, confidence: 3 }, AS_OF);
    await svc.close();
    expect(await readdir(dir)).toEqual(expect.arrayContaining(["records.lance", "journal.okrwal", "snapshot.okrcache"]));

    // A later process: the old records and exactly the new check-in.
    const again = await openService(dir);
    const after = withoutAudit(await again.exportDocument()) as Exported;
    const added = kr(after, "KR2.2").checkIns;
    expect(added.at(-1)).toMatchObject({ value: 31, date: AS_OF });
    kr(after, "KR2.2").checkIns = added.slice(0, -1);
    expect(after).toEqual(before);
    await again.close();
  });
});
