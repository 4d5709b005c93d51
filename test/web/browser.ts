// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core against the app
// serving a copy of the acme fixture, with the date fixed. Without a Chromium the suites are skipped
// with a note, unless OKR_REQUIRE_BROWSER=1 (set by .ci/run, which installs the chromium package).

import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { findChromium, launchChromium } from "../../src/bench/chromium.js";
import { LocalModel } from "../../src/agent/local/model.js";
import { listen, type RunningServer } from "../../src/http/listen.js";
import type { McpOptions } from "../../src/mcp/server.js";
import type { OkrService } from "../../src/service/okr-service.js";
import { AS_OF, acmeService } from "../helpers.js";

export const CHROMIUM = findChromium();
if (!CHROMIUM) {
  if (process.env.OKR_REQUIRE_BROWSER === "1") throw new Error("No Chromium found (OKR_CHROMIUM, /usr/bin/chromium…): install Debian's chromium package.");
  console.warn("Browser tests skipped: no Chromium found. Install it (apt-get install chromium) or set OKR_CHROMIUM.");
}

/** Where each page's screenshot goes: the tests' artifact. */
export const ARTIFACTS = join(import.meta.dirname, "../../test-artifacts/web");

export interface WebFixture {
  service: OkrService;
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  url(path: string): string;
  close(): Promise<void>;
}

export async function startWeb(opts: { locale?: string; token?: string | null } = {}): Promise<WebFixture> {
  const service = await acmeService();
  const mcp: McpOptions = { readOnly: false, today: () => AS_OF, author: "Web tester", version: "test" };
  const server = await listen({ service, mcp, bindHost: "127.0.0.1", token: opts.token ?? null, port: 0, model: (lookup) => new LocalModel(lookup) });
  const browser = await launchChromium(CHROMIUM!);
  const context = await browser.newContext({ locale: opts.locale ?? "en-US", viewport: { width: 1360, height: 900 }, timezoneId: "UTC" });
  // Nothing may be fetched from anywhere but the app itself.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    service,
    server,
    browser,
    context,
    url: (path) => `${server.url}${path}`,
    async close() {
      await browser.close();
      await server.close();
      await service.close();
    },
  };
}

/** axe-core's serious and critical violations on the page, as "rule: target" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(join(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8") });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.targets.slice(0, 3).join(", ")}`);
}

/** Pixels of the canvas close to a colour (#rrggbb): proof that a series was drawn. */
export async function pixelsOfColour(page: Page, selector: string, hex: string): Promise<number> {
  return page.$eval(
    selector,
    (canvas, hex) => {
      const c = canvas as HTMLCanvasElement;
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r!) < 24 && Math.abs(data[i + 1]! - g!) < 24 && Math.abs(data[i + 2]! - b!) < 24 && data[i + 3]! > 200) n++;
      return n;
    },
    hex,
  );
}
