// MCP prompts: their text lives in prompts/*.md (loaded once), with {{placeholders}} filled per call.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { projectRoot } from "../paths.js";

const cache = new Map<string, string>();
export function loadPrompt(name: string): string {
  let text = cache.get(name);
  if (text === undefined) cache.set(name, (text = readFileSync(join(projectRoot(), "prompts", `${name}.md`), "utf8")));
  return text;
}

export function fillPrompt(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? "");
}

const user = (text: string) => ({ messages: [{ role: "user" as const, content: { type: "text" as const, text } }] });

export function registerPrompts(server: McpServer, today: () => string): void {
  server.registerPrompt(
    "draft_objective",
    {
      title: "Draft an objective",
      description: "Draft a qualitative objective with 2–4 measurable key results, checked by the critic, created only after approval.",
      argsSchema: { goal: z.string().describe("What the team wants to achieve"), team: z.string().optional().describe("The team") },
    },
    ({ goal, team }) => user(fillPrompt(loadPrompt("draft_objective"), { goal, team: team || "the team" })),
  );
  server.registerPrompt(
    "weekly_leadership_summary",
    {
      title: "Weekly leadership summary",
      description: "A short, honest summary of the week in which every number cites a stored fact.",
      argsSchema: { team: z.string().optional().describe("One team, or the whole workspace") },
    },
    ({ team }) => user(fillPrompt(loadPrompt("weekly_leadership_summary"), { scope: team || "the whole company", asOf: today() })),
  );
  server.registerPrompt(
    "review_okrs",
    {
      title: "Review OKRs",
      description: "Coach-style review of a team's OKRs: critic findings, lagging and stale KRs, one improvement each.",
      argsSchema: { team: z.string().optional().describe("One team, or the whole workspace") },
    },
    ({ team }) => user(fillPrompt(loadPrompt("review_okrs"), { scope: team || "the whole company" })),
  );
}
