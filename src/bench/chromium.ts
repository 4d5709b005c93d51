// Debian's Chromium, for the bench's web figures and the browser tests: where it is, and how it is
// started here (Playwright's own browser download is unreachable; these flags keep it from trying
// the closed network at every start). playwright-core is a dev dependency: loaded only when used.

import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The Chromium to drive: OKR_CHROMIUM when set (dev tooling reads it here), else the first installed. */
export function findChromium(override: string | undefined = process.env.OKR_CHROMIUM): string | null {
  return [override, ...PATHS].find((p): p is string => Boolean(p) && existsSync(p!)) ?? null;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, args: ARGS });
}
