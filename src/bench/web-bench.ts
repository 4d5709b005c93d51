// The web workspace's part of npm run bench: the overview's and a KR page's first render in
// Debian's Chromium against the bench workspace, and the JavaScript each page ships (gzipped).
// Skipped with a note when no Chromium is installed.

import { gzipSync } from "node:zlib";
import { listen } from "../http/listen.js";
import { findChromium, launchChromium } from "./chromium.js";
import type { OkrService } from "../service/okr-service.js";

export interface WebFigures {
  overviewMs: number[];
  krPageMs: number[];
  jsGzipBytes: { overview: number; krPage: number };
  domRows: number;
}

export async function benchWeb(service: OkrService, asOf: string, krRef: string, runs = 5): Promise<WebFigures | null> {
  const path = findChromium();
  if (!path) return null;
  const server = await listen({
    service,
    mcp: { readOnly: false, today: () => asOf, author: "bench", version: "bench" },
    bindHost: "127.0.0.1",
    token: null,
    port: 0,
  });
  const browser = await launchChromium(path);
  try {
    /** Time from navigation to the selector drawn, in a fresh context (no cache), and the JS bytes it loaded. */
    const render = async (path: string, selector: string) => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      let js = 0;
      page.on("response", async (r) => {
        if (r.url().endsWith(".js")) js += gzipSync(await r.body()).length;
      });
      const t = performance.now();
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector(selector);
      const ms = performance.now() - t;
      await page.waitForLoadState("networkidle");
      const rows = await page.locator("li.kr").count();
      await context.close();
      return { ms, js, rows };
    };
    const overview: number[] = [];
    const kr: number[] = [];
    let js = { overview: 0, krPage: 0 };
    let domRows = 0;
    for (let i = 0; i < runs; i++) {
      const o = await render("/", "li.kr");
      const k = await render(`/kr/${encodeURIComponent(krRef)}`, ".chart canvas");
      overview.push(o.ms);
      kr.push(k.ms);
      js = { overview: o.js, krPage: k.js };
      domRows = o.rows;
    }
    return { overviewMs: overview, krPageMs: kr, jsGzipBytes: js, domRows };
  } finally {
    await browser.close();
    await server.close();
  }
}
