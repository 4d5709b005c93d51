// The MCP App views (MCP Apps extension): ui:// resources that hosts supporting MCP Apps (Claude,
// VS Code, ChatGPT) draw next to a tool's answer. The tools name them (ToolDefinition.ui); the
// server registers them (app-views.ts). Hosts without MCP Apps get the text and structured content.

export const KR_VIEW = "ui://okr/kr.html";
export const OVERVIEW_VIEW = "ui://okr/okrs.html";
