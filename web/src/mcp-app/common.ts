// What both MCP App views share: connecting to the host (the ext-apps App over postMessage), the
// host's language, escaping, and the small progress bar.

import { App } from "@modelcontextprotocol/ext-apps";
import { STRINGS, type Lang, type Status, type Strings } from "../i18n";

export interface ToolResult {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content?: { type: string; text?: string }[];
}

/** Connects to the host and calls `render` with every tool result it sends. */
export async function startView(name: string, render: (result: ToolResult, t: Strings, lang: Lang) => void): Promise<App> {
  const app = new App({ name, version: "1.0.0" });
  const lang = (): Lang => ((app.getHostContext()?.locale ?? navigator.language ?? "en").toLowerCase().startsWith("vi") ? "vi" : "en");
  app.ontoolresult = (result) => {
    const l = lang();
    document.documentElement.lang = l;
    render(result as ToolResult, STRINGS[l], l);
  };
  await app.connect();
  return app;
}

export const esc = (s: unknown) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function bar(progress: number, expected: number, label: string): string {
  return `<span class="bar" role="meter" aria-label="${esc(label)}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.round(progress * 100)}"><span class="fill" style="width:${Math.min(100, progress * 100)}%"></span><span class="pace" style="left:${Math.min(100, expected * 100)}%"></span></span>`;
}

export function badge(t: Strings, s: Status | null): string {
  return s ? `<span class="badge status-${s}">${esc(t[`status_${s}`])}</span>` : "";
}

/** An error result or text-only result: show the text the tool gave. */
export function showText(root: HTMLElement, result: ToolResult): void {
  const text = (result.content ?? []).map((c) => c.text ?? "").join("\n");
  root.innerHTML = `<p class="${result.isError ? "error" : ""}">${esc(text || "—")}</p>`;
}
