// The web workspace in a real browser: overview, KR chart and forms, weekly summary, drafting, the
// chat with approvals, Vietnamese, accessibility (axe-core) and a screenshot of each page.

import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_COLORS } from "../../web/src/chart-colors.js";
import { ARTIFACTS, CHROMIUM, pixelsOfColour, seriousA11yViolations, startWeb, type WebFixture } from "./browser.js";
import { cleanup } from "../helpers.js";

describe.skipIf(!CHROMIUM)("web workspace in Chromium", () => {
  let web: WebFixture;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    web = await startWeb();
    page = await web.context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await web?.close();
    await cleanup();
  });
  const checkIns = async (ref: string) => (await web.service.keyResult(ref, "2026-11-26")).checkIns.length;

  it("overview: KR1.3 first in 'most behind', 25 KRs with their statuses, no page errors", async () => {
    await page.goto(web.url("/"));
    await page.locator(".behind-list li").first().waitFor();
    expect(await page.locator(".behind-list li").first().getAttribute("data-ref")).toBe("KR1.3");
    const rows = page.locator("li.kr");
    expect(await rows.count()).toBe(25);
    const shown = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-ref")} ${e.getAttribute("data-status")}`));
    const stored = (await web.service.tree("2026-11-26")).flatMap((o) => o.keyResults.map((k) => `${k.ref} ${k.status}`));
    expect(shown.sort()).toEqual(stored.sort());
    expect(await page.locator("li.kr[data-ref='KR1.3'] .badge").first().textContent()).toBe("off track");
    // Stale and mismatch badges where the data says so.
    expect(await page.locator("li.kr[data-ref='KR2.3']").textContent()).toContain("stale");
    expect(await page.locator("li.kr[data-ref='KR5.2']").textContent()).toContain("confidence mismatch");
    await page.screenshot({ path: join(ARTIFACTS, "overview.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows a past week: the as-of date drives every number and travels with the links", async () => {
    await page.goto(web.url("/?asOf=2026-11-05"));
    await page.locator("li.kr").first().waitFor();
    const shown = await page.locator("li.kr").evaluateAll((els) => els.map((e) => `${e.getAttribute("data-ref")} ${e.getAttribute("data-status")}`));
    const then = (await web.service.tree("2026-11-05")).flatMap((o) => o.keyResults.map((k) => `${k.ref} ${k.status}`));
    const now = (await web.service.tree("2026-11-26")).flatMap((o) => o.keyResults.map((k) => `${k.ref} ${k.status}`));
    expect(then).not.toEqual(now);
    expect(shown.sort()).toEqual(then.sort());
    expect(await page.locator("input[type=date]").inputValue()).toBe("2026-11-05");
    await page.locator("li.kr[data-ref='KR1.3'] a").click();
    await page.waitForURL(/\/kr\/KR1\.3\?asOf=2026-11-05$/);
    await page.locator("table.history").waitFor();
    const dates = await page.locator("table.history tbody tr td:first-child").allTextContents();
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d <= "2026-11-05")).toBe(true);
    // Back to today: the address drops the date.
    await page.locator("input[type=date]").fill("2026-11-26");
    await expect.poll(() => page.url()).toMatch(/\/kr\/KR1\.3$/);
  });

  it("overview filters by team and by status", async () => {
    await page.goto(web.url("/"));
    await page.locator("li.kr").first().waitFor();
    await page.getByLabel("Team").selectOption("Engineering");
    await page.waitForFunction(() => document.querySelectorAll("li.kr").length === 5);
    expect(await page.locator("article.objective").evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual(["O4", "O5"]);
    await page.getByLabel("Team").selectOption("");
    await page.getByLabel("Owner").selectOption("Tomasz Nowak");
    await page.waitForFunction(() => document.querySelectorAll("article.objective").length === 2);
    expect(await page.locator("article.objective").evaluateAll((els) => els.map((e) => e.getAttribute("data-ref")))).toEqual(["O4", "O5"]);
    await page.getByLabel("Owner").selectOption("");
    await page.getByLabel("Status").selectOption("off_track");
    await page.waitForFunction(() => document.querySelectorAll("li.kr").length === 6);
    expect(await page.locator("li.kr").evaluateAll((els) => els.every((e) => e.getAttribute("data-status") === "off_track"))).toBe(true);
  });

  it("chat answers the lagging question, and a write waits for Approve; Deny stores nothing", async () => {
    await page.goto(web.url("/kr/KR9.2"));
    const input = page.locator("#chat-input");
    await input.waitFor();
    await input.fill("which KR is lagging most this week?");
    await input.press("Enter");
    await expect.poll(() => page.locator(".msg-assistant .msg-text").last().textContent(), { timeout: 15_000 }).toMatch(/^Lagging most as of 2026-11-26: KR1\.3 /);
    const before = await checkIns("KR9.2");
    await input.fill("log 52 for KR9.2, confidence 3");
    await input.press("Enter");
    await page.locator(".approval").waitFor();
    expect(await page.locator(".approval").textContent()).toContain("KR9.2");
    await page.locator(".approval button.deny").click();
    await expect.poll(() => page.locator(".chat").textContent()).toContain("nothing was written");
    expect(await checkIns("KR9.2")).toBe(before);
    await input.fill("log 52 for KR9.2, confidence 3");
    await input.press("Enter");
    await page.locator(".approval").last().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "chat-approval.png") });
    await page.locator(".approval button.approve").last().click();
    await expect.poll(() => checkIns("KR9.2"), { timeout: 15_000 }).toBe(before + 1);
    // Each call shows once, in its latest state (the continuation after Approve repeats the call).
    const calls = await page.locator(".chat .tool").evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.call}`));
    expect(calls.length).toBeGreaterThan(1);
    expect(new Set(calls).size).toBe(calls.length);
    // The page's numbers follow the approved write.
    await expect.poll(() => page.locator("[data-testid=current]").textContent()).toBe("52 NPS");
  });
  it("KR1.3's page draws its points, the pace line and the forecast", async () => {
    await page.goto(web.url("/kr/KR1.3"));
    const canvas = page.locator(".chart canvas");
    await canvas.waitFor();
    const stored = await checkIns("KR1.3");
    expect(stored).toBeGreaterThan(3);
    expect(await page.locator(".chart-canvas").getAttribute("data-points")).toBe(String(stored));
    expect(await page.locator("table.history tbody tr").count()).toBe(stored);
    const legend = await page.locator(".u-legend").textContent();
    for (const s of ["Check-ins", "Pace", "Forecast"]) expect(legend).toContain(s);
    for (const colour of Object.values(CHART_COLORS)) expect(await pixelsOfColour(page, ".chart canvas", colour)).toBeGreaterThan(50);
    await page.screenshot({ path: join(ARTIFACTS, "key-result.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("a bad check-in shows the tool's message and stores nothing; a good one moves progress and status", async () => {
    await page.goto(web.url("/kr/KR1.3"));
    await page.locator("input[name=value]").waitFor();
    const before = await checkIns("KR1.3");
    await page.locator("input[name=value]").fill("lots");
    await page.getByRole("button", { name: "Log check-in" }).click();
    await expect.poll(() => page.locator("#checkin-msg").textContent()).toContain("value must be a number in the KR's unit");
    expect(await checkIns("KR1.3")).toBe(before);
    const progressBefore = await page.locator(".kr-head .num").textContent();
    await page.locator("input[name=value]").fill("3.2");
    await page.locator("select[name=confidence]").selectOption("4");
    await page.getByRole("button", { name: "Log check-in" }).click();
    await expect.poll(() => page.locator("#checkin-msg").textContent()).toContain("Logged 3.2%");
    expect(await checkIns("KR1.3")).toBe(before + 1);
    await expect.poll(() => page.locator(".kr-head .num").textContent()).toBe("90%");
    expect(progressBefore).toBe("5%");
    expect(await page.locator(".kr-head .badge").first().textContent()).toBe("on track");
  });

  it("the edit form changes the target through update_key_result, with its messages inline", async () => {
    await page.goto(web.url("/kr/KR4.3"));
    await page.locator("input[name=target]").waitFor();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.locator("form[aria-labelledby=edit-h] [role=alert]").textContent()).toContain("Nothing to change");
    await page.locator("input[name=target]").fill("sixty");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.locator("form[aria-labelledby=edit-h] [role=alert]").textContent()).toContain("target must be a number");
    expect((await web.service.keyResult("KR4.3", "2026-11-26")).target).toBe(50);
    await page.locator("input[name=target]").fill("60");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.locator("form[aria-labelledby=edit-h] [role=status]").textContent()).toContain("Updated KR4.3");
    expect((await web.service.keyResult("KR4.3", "2026-11-26")).target).toBe(60);
  });

  it("the summary shows KR1.3, KR2.3 (stale) and KR5.2 (mismatch) with working fact links and no raw ids", async () => {
    await page.goto(web.url("/summary"));
    const article = page.locator("article.summary");
    await article.waitFor();
    const text = (await article.textContent())!;
    expect(text).not.toMatch(/\[F\d+/);
    for (const ref of ["KR1.3", "KR2.3", "KR5.2"]) expect(await article.locator(`a.cite[href='/kr/${ref}']`).count()).toBeGreaterThan(0);
    expect(text).toMatch(/KR2\.3[^\n]*has had no check-in since/);
    expect(text).toMatch(/KR5\.2[^\n]*reports confidence 4\/5 but is \d+ pts behind pace/);
    expect(await page.locator(".verdict").textContent()).toContain("Every number checked");
    await page.screenshot({ path: join(ARTIFACTS, "summary.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Copy as Markdown / Slack: the summary's text without the citation ids.
    await web.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: web.server.url });
    await page.getByRole("button", { name: "Copy as Slack text" }).click();
    const slack = await page.evaluate(() => navigator.clipboard.readText());
    expect(slack).toMatch(/^\*Weekly OKR summary/);
    expect(slack).toContain("• KR1.3 Reduce monthly logo churn");
    expect(slack).not.toMatch(/\[F\d+/);
    await page.getByRole("button", { name: "Copy as Markdown" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^# Weekly OKR summary[\s\S]*\n- KR1\.3 /);
    await article.locator("a.cite[href='/kr/KR2.3']").first().click();
    await page.waitForURL(/\/kr\/KR2\.3$/);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Lift onboarding completion");
  });

  it("the drafting form flags a metric in the objective and offers rewrites", async () => {
    await page.goto(web.url("/draft"));
    await page.getByLabel("Objective", { exact: true }).fill("Increase conversion by 2% by optimizing the landing page");
    await page.locator(".findings li").first().waitFor();
    const rules = await page.locator(".findings li").evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")));
    expect(rules).toContain("objective-has-metric");
    expect(await page.locator(".marked mark").count()).toBeGreaterThan(0);
    expect(await page.locator(".rewrites li").count()).toBeGreaterThan(0);
    const rewrite = (await page.locator(".rewrites li").first().textContent())!.replace(/Use this$/, "").trim();
    await page.locator(".rewrites li button").first().click();
    expect(await page.getByLabel("Objective", { exact: true }).inputValue()).toBe(rewrite);
    await page.screenshot({ path: join(ARTIFACTS, "draft.png"), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("the drafting form shows the key results as they will be stored, then creates exactly that", async () => {
    await page.goto(web.url("/draft"));
    await page.getByLabel("Objective", { exact: true }).fill("Make onboarding a delight for new admins");
    await page.getByLabel("Team").selectOption("Product");
    await page.locator("textarea[name=keyResults]").fill("Raise admin activation from 40% to 55%\nShip the admin setup checklist");
    await expect
      .poll(() => page.locator(".kr-preview li").allTextContents())
      .toEqual(["Raise admin activation from 40% to 55% — 40 → 55 %", "Ship the admin setup checklist — milestone (0 → 1)"]);
    const before = (await web.service.ws()).objectives.size;
    await page.getByRole("button", { name: "Create objective" }).click();
    await expect.poll(() => page.locator(".draft-page [role=status]").last().textContent()).toMatch(/^Created O\d+\./);
    const created = (await web.service.tree("2026-11-26", "Product")).find((o) => o.title === "Make onboarding a delight for new admins")!;
    expect((await web.service.ws()).objectives.size).toBe(before + 1);
    expect(created.keyResults.map((k) => [k.title, k.kind, k.start, k.target, k.unit])).toEqual([
      ["Raise admin activation from 40% to 55%", "metric", 40, 55, "%"],
      ["Ship the admin setup checklist", "milestone", 0, 1, ""],
    ]);
  });
});

describe.skipIf(!CHROMIUM)("web workspace in Vietnamese", () => {
  let web: WebFixture;
  beforeAll(async () => {
    web = await startWeb({ locale: "vi-VN" });
  });
  afterAll(async () => {
    await web?.close();
    await cleanup();
  });

  it("follows the browser's language, and the switch changes it", async () => {
    const page = await web.context.newPage();
    await page.goto(web.url("/"));
    await page.locator("li.kr").first().waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await page.locator("#behind-h").textContent()).toBe("Chậm nhất tuần này");
    expect(await page.locator("li.kr[data-ref='KR1.3'] .badge").first().textContent()).toBe("chệch hướng");
    await page.screenshot({ path: join(ARTIFACTS, "overview-vi.png") });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel("Ngôn ngữ").selectOption("en");
    await expect.poll(() => page.locator("#behind-h").textContent()).toBe("Most behind this week");
    await page.reload();
    await page.locator("#behind-h").waitFor();
    expect(await page.locator("#behind-h").textContent()).toBe("Most behind this week");
  });
});
