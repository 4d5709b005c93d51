// The JSON the web pages read and the tool route they write through: paging, filters, bad input
// answered with one clear message, read-only mode, and nothing written by a refused call.

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/app.js";
import { MAX_LISTED_OWNERS, OVERVIEW_PAGE_SIZE } from "../../src/http/web.js";
import type { McpOptions } from "../../src/mcp/server.js";
import { AS_OF, acmeService, cleanup, importPath, openService, tempDir } from "../helpers.js";

const MCP: McpOptions = { readOnly: false, today: () => AS_OF, author: "Web", version: "test" };
afterAll(cleanup);
const at = (path: string) => `http://127.0.0.1${path}`;
const post = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("web API on the acme workspace", async () => {
  const service = await acmeService();
  const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null });
  afterAll(() => service.close());

  it("answers bad filters and dates with one line naming the fix", async () => {
    const bad = await app.request(at("/api/overview?asOf=26/11/2026"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('asOf must be a date as YYYY-MM-DD, e.g. 2026-11-26; got "26/11/2026".');
    const status = await app.request(at("/api/overview?status=late"));
    expect(status.status).toBe(400);
    expect((await status.json()).error.message).toMatch(/^status must be one of off_track, at_risk, on_track, completed/);
    const team = await app.request(at("/api/overview?team=Nobody"));
    expect(team.status).toBe(404);
    const kr = await app.request(at("/api/key-results/KR99.9"));
    expect(kr.status).toBe(404);
    expect((await kr.json()).error.code).toBe("not_found");
  });

  it("keeps the alignment tree: each objective after its parent, deeper by one", async () => {
    const o = await (await app.request(at("/api/overview"))).json();
    const rows = o.objectives as { ref: string; parentRef: string | null; depth: number }[];
    expect(rows.length).toBe(9);
    const index = new Map(rows.map((r, i) => [r.ref, i]));
    for (const r of rows.filter((x) => x.parentRef)) {
      expect(index.get(r.parentRef!)!).toBeLessThan(index.get(r.ref)!);
      expect(r.depth).toBe(rows[index.get(r.parentRef!)!]!.depth + 1);
    }
    expect(rows.find((r) => r.ref === "O5")!.depth).toBe(2); // O5 → O4 → O1
  });

  it("runs a tool from the page route with the tool's own messages, and a refused call stores nothing", async () => {
    const before = (await service.keyResult("KR2.1", AS_OF)).checkIns.length;
    const bad = await app.request(at("/api/tools/log_check_in"), post({ keyResult: "KR2.1", value: 50, confidence: 9 }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("confidence must be a whole number from 1 (no chance) to 5 (certain)");
    const unknown = await app.request(at("/api/tools/drop_table"), post({}));
    expect(unknown.status).toBe(404);
    const notJson = await app.request(at("/api/tools/log_check_in"), { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    expect((await service.keyResult("KR2.1", AS_OF)).checkIns.length).toBe(before);
  });

  it("reads key-result lines for the drafting form the way they will be stored", async () => {
    const r = await app.request(at("/api/draft/key-results"), post({ lines: ["Raise NPS from 40 to 50", "  ", "Ship the new onboarding"] }));
    expect((await r.json()).keyResults).toEqual([
      { title: "Raise NPS from 40 to 50", kind: "metric", start: 40, target: 50, unit: "" },
      { title: "Ship the new onboarding", kind: "milestone" },
    ]);
    expect((await app.request(at("/api/draft/key-results"), post({ lines: "x" }))).status).toBe(400);
  });
});

describe("web API in read-only mode", async () => {
  const service = await acmeService();
  const app = createHttpApp({ service, mcp: { ...MCP, readOnly: true }, bindHost: "127.0.0.1", token: null });
  afterAll(() => service.close());

  it("refuses write tools and says so in meta, while read tools run", async () => {
    expect((await (await app.request(at("/api/meta"))).json()).readOnly).toBe(true);
    const write = await app.request(at("/api/tools/log_check_in"), post({ keyResult: "KR2.1", value: 50 }));
    expect(write.status).toBe(403);
    expect((await write.json()).error.message).toMatch(/read-only/);
    expect((await app.request(at("/api/tools/get_key_result"), post({ keyResult: "KR2.1" }))).status).toBe(200);
  });
});

describe("web API on a workspace with many objectives and people", async () => {
  const dir = await tempDir();
  const objectives = 210;
  const rows = [
    "cycle,cycle_start,cycle_end,team,objective_ref,objective,objective_owner,parent_objective_ref,kr_ref,key_result,kr_owner,kr_type,direction,unit,start_value,target_value",
  ];
  for (let i = 1; i <= objectives; i++)
    rows.push(`2026-Q4,2026-10-01,2026-12-31,Team ${i % 3},O${i},Objective ${i},Person ${i},,KR${i}.1,Key result ${i},Person ${i},metric,increase,%,0,100`);
  await mkdir(join(dir, "src"));
  await writeFile(join(dir, "src", "okrs.csv"), rows.join("\n") + "\n");
  await writeFile(join(dir, "src", "checkins.csv"), "kr_ref,date,value,confidence,author,note\n");
  const service = await openService(join(dir, "data"));
  await importPath(service, join(dir, "src"));
  const app = createHttpApp({ service, mcp: MCP, bindHost: "127.0.0.1", token: null });
  afterAll(() => service.close());

  it("pages the overview and stops listing people past a few hundred", async () => {
    const first = await (await app.request(at("/api/overview"))).json();
    expect(first.pages).toBe(Math.ceil(objectives / OVERVIEW_PAGE_SIZE));
    expect(first.objectives).toHaveLength(OVERVIEW_PAGE_SIZE);
    expect(first.totals.objectives).toBe(objectives);
    const last = await (await app.request(at(`/api/overview?page=${first.pages}`))).json();
    expect(last.objectives).toHaveLength(objectives - (first.pages - 1) * OVERVIEW_PAGE_SIZE);
    const beyond = await (await app.request(at("/api/overview?page=999"))).json();
    expect(beyond.page).toBe(first.pages);
    const meta = await (await app.request(at("/api/meta"))).json();
    expect(meta.ownerCount).toBe(objectives);
    expect(meta.owners).toHaveLength(MAX_LISTED_OWNERS);
    const one = await (await app.request(at("/api/overview?owner=person%2017"))).json();
    expect(one.objectives.map((o: { ref: string }) => o.ref)).toEqual(["O17"]);
  });
});
