// The shape of a CLI command and the context it runs in; help text is generated from the spec.

import type { Config } from "../config.js";
import type { OkrService } from "../service/okr-service.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  description: string;
  placeholder?: string;
  /** May be given several times (values arrive as an array). */
  multiple?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** What the command needs in --data: an existing workspace (the default: reading a missing
   *  folder would look like an empty workspace), or none because it creates one, or none at all. */
  workspace?: "create" | "optional";
  run(ctx: CommandContext, args: ParsedArgs): Promise<void>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CommandContext {
  config: Config;
  json: boolean;
  /** Opens the data directory on first use. */
  service(): Promise<OkrService>;
  /** A service over another directory (okr import --replace builds the new workspace there); the caller closes it. */
  serviceAt(dir: string): Promise<OkrService>;
  /** The current time (fixed in tests): for names such as a moved-aside folder's timestamp. */
  now(): Date;
  /** Prints a line (a newline is added). */
  out(text: string): void;
  /** Writes text to stdout exactly as given. */
  raw(text: string): void;
  err(text: string): void;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  data: { type: "string", description: "data directory (default: $OKR_DATA_DIR or ./data)", placeholder: "DIR" },
  "as-of": { type: "string", description: "the date to compute as of (default: $OKR_NOW or today)", placeholder: "YYYY-MM-DD" },
  json: { type: "boolean", description: "print JSON for machines instead of tables" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

export function commandHelp(c: CommandSpec): string {
  const opts = { ...c.options, ...GLOBAL_OPTIONS };
  const lines = Object.entries(opts).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.type === "string" ? ` ${o.placeholder ?? "VALUE"}` : ""}`;
    return `  ${flag.padEnd(30)} ${o.description}`;
  });
  return [
    `Usage: ${c.usage}`,
    "",
    c.summary + (c.description ? `\n\n${c.description}` : ""),
    "",
    "Options:",
    ...lines,
    ...(c.examples.length ? ["", "Examples:", ...c.examples.map((e) => `  ${e}`)] : []),
  ].join("\n");
}
