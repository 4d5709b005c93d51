// The local model's KR directory read from memory is the one list_okrs gives, on the acme fixture,
// the demo workspace and a past date: the chat and the web chat may take the fast path.

import { afterAll, describe, expect, it } from "vitest";
import { connectTools, krDirectory, krDirectoryFromService } from "../../src/agent/mcp-tools.js";
import { demoWorkspace } from "../../src/demo/demo-workspace.js";
import { AS_OF, acmeService, cleanup, openService, tempDir } from "../helpers.js";

afterAll(cleanup);

describe("KR directory from memory", () => {
  it("equals the one built through list_okrs", async () => {
    const acme = await acmeService();
    const demo = await openService(await tempDir());
    await demo.import(demoWorkspace(AS_OF));
    for (const [service, day] of [
      [acme, AS_OF],
      [acme, "2026-10-20"],
      [demo, AS_OF],
    ] as const) {
      const tools = await connectTools({ service, mcp: { readOnly: false, today: () => day, author: "t", version: "t" } });
      const viaTool = await krDirectory(tools);
      const fromMemory = await krDirectoryFromService(service, day);
      expect(fromMemory.krs.length).toBeGreaterThan(10);
      expect(fromMemory.krs).toEqual(viaTool.krs);
      expect(fromMemory.objectives).toEqual(viaTool.objectives);
      await tools.close();
    }
    await acme.close();
    await demo.close();
  });
});
