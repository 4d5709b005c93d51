// The MCP App views: the tools link them, the server serves them as text/html;profile=mcp-app, and
// each renders in Chromium when a host (ext-apps' own AppBridge, in a sandboxed frame, as Claude or
// VS Code do it) feeds it a real tool result.

import { join } from "node:path";
import { RESOURCE_MIME_TYPE } from "@modelcontextprotocol/ext-apps/server";
import type { Browser, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KR_VIEW, OVERVIEW_VIEW } from "../../src/mcp/apps.js";
import { CHART_COLORS } from "../../web/src/chart-colors.js";
import { connectedClient } from "../mcp/helpers.js";
import { cleanup } from "../helpers.js";
import { launchChromium } from "../../src/bench/chromium.js";
import { ARTIFACTS, CHROMIUM, pixelsOfColour } from "./browser.js";

type Mcp = Awaited<ReturnType<typeof connectedClient>>;

describe("MCP App views over MCP", () => {
  let mcp: Mcp;
  beforeAll(async () => {
    mcp = await connectedClient();
  });
  afterAll(async () => {
    await mcp.close();
    await cleanup();
  });

  it("are linked from list_okrs, query_lagging_key_results and get_key_result, and only from them", async () => {
    const { tools } = await mcp.client.listTools();
    const linked = Object.fromEntries(tools.filter((t) => t._meta).map((t) => [t.name, (t._meta as { ui: { resourceUri: string } }).ui.resourceUri]));
    expect(linked).toEqual({ list_okrs: OVERVIEW_VIEW, query_lagging_key_results: OVERVIEW_VIEW, get_key_result: KR_VIEW });
  });

  it("are served as self-contained MCP App HTML that fetches nothing", async () => {
    for (const uri of [KR_VIEW, OVERVIEW_VIEW]) {
      const r = await mcp.client.readResource({ uri });
      const c = r.contents[0] as { uri: string; mimeType: string; text: string };
      expect(c.mimeType).toBe(RESOURCE_MIME_TYPE);
      expect(c.mimeType).toBe("text/html;profile=mcp-app");
      expect(c.text).toMatch(/^<!doctype html>/i);
      expect(c.text).not.toMatch(/<script[^>]+src=|<link[^>]+href="http|@import\s+url/i);
    }
  });
});

/** A host page: puts the view's HTML in a sandboxed frame and talks to it with AppBridge. */
async function hostBundle(): Promise<string> {
  const esbuild = await import("esbuild");
  const r = await esbuild.build({
    stdin: {
      contents: `
        import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";
        window.host = async (html, args, result) => {
          const frame = document.createElement("iframe");
          frame.setAttribute("sandbox", "allow-scripts");
          frame.style.width = "760px"; frame.style.height = "620px"; frame.title = "MCP App";
          document.body.appendChild(frame);
          const bridge = new AppBridge(null, { name: "test-host", version: "1.0.0" }, {}, { hostContext: { locale: "en-US", theme: "light" } });
          bridge.oninitialized = async () => { await bridge.sendToolInput({ arguments: args }); await bridge.sendToolResult(result); };
          // Listening before the view loads: its first message (ui/initialize) comes at once.
          await bridge.connect(new PostMessageTransport(frame.contentWindow, frame.contentWindow));
          frame.srcdoc = html;
        };`,
      resolveDir: join(import.meta.dirname, "../.."),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "iife",
    logLevel: "silent",
  });
  return r.outputFiles[0]!.text;
}

describe.skipIf(!CHROMIUM)("MCP App views in Chromium, fed by a host", () => {
  let mcp: Mcp;
  let browser: Browser;
  let page: Page;
  let host: string;
  beforeAll(async () => {
    mcp = await connectedClient();
    host = await hostBundle();
    browser = await launchChromium(CHROMIUM!);
    page = await browser.newPage({ viewport: { width: 800, height: 700 } });
  });
  afterAll(async () => {
    await browser?.close();
    await mcp?.close();
    await cleanup();
  });

  async function render(uri: string, tool: string, args: Record<string, unknown>): Promise<Frame> {
    const html = ((await mcp.client.readResource({ uri })).contents[0] as { text: string }).text;
    const result = await mcp.call(tool, args);
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: host });
    await page.evaluate(([h, a, r]) => (window as unknown as { host(h: string, a: unknown, r: unknown): Promise<void> }).host(h, a, r), [html, args, result] as const);
    const frame = await (await page.waitForSelector("iframe")).contentFrame();
    return frame!;
  }

  it("draws KR1.3's chart from get_key_result's result", async () => {
    const frame = await render(KR_VIEW, "get_key_result", { keyResult: "KR1.3" });
    await frame.locator("canvas").waitFor();
    expect(await frame.locator("h1").textContent()).toContain("KR1.3 Reduce monthly logo churn");
    const stored = (await mcp.service.keyResult("KR1.3", "2026-11-26")).checkIns.length;
    expect(await frame.locator("#chart").getAttribute("data-points")).toBe(String(stored));
    for (const colour of Object.values(CHART_COLORS)) expect(await pixelsOfColour(frame as unknown as Page, "canvas", colour)).toBeGreaterThan(50);
    await page.screenshot({ path: join(ARTIFACTS, "mcp-app-key-result.png") });
  });

  it("draws the lagging KRs and the OKR list from their tools' results", async () => {
    let frame = await render(OVERVIEW_VIEW, "query_lagging_key_results", { limit: 3 });
    await frame.locator("li.kr").first().waitFor();
    expect(await frame.locator("li.kr").evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual(["KR1.3", "KR9.2", "KR2.3"]);
    frame = await render(OVERVIEW_VIEW, "list_okrs", { team: "Product" });
    await frame.locator("section.objective").first().waitFor();
    expect(await frame.locator("section.objective").evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual(["O2", "O3"]);
    expect(await frame.locator("li.kr").count()).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, "mcp-app-overview.png") });
  });

  it("shows the tool's own message for an error result", async () => {
    const frame = await render(KR_VIEW, "get_key_result", { keyResult: "KR99.9" });
    await frame.locator("p.error").waitFor();
    expect(await frame.locator("p.error").textContent()).toMatch(/KR99\.9/);
  });
});
