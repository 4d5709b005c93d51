// Configuration, parsed once at start-up: command-line flags win over the environment.
// Nothing else in the project reads process.env.

import { userInfo } from "node:os";
import { resolve } from "node:path";
import { z } from "zod";
import { tryParseDay } from "./domain/dates.js";
import { OkrError } from "./domain/errors.js";

const EnvSchema = z.object({
  OKR_DATA_DIR: z.string().min(1).optional(),
  OKR_NOW: z.string().optional(),
  OKR_AUTHOR: z.string().min(1).optional(),
});

export interface Config {
  dataDir: string;
  /** "Today" for every computation, YYYY-MM-DD. */
  asOf: string;
  /** Who a check-in is attributed to when --author is not given. */
  author: string;
}

export interface ConfigFlags {
  data?: string;
  asOf?: string;
  author?: string;
}

export function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined>, now: Date = new Date()): Config {
  const e = EnvSchema.parse(env);
  // OKR_NOW may be a full timestamp (2026-11-26T09:00:00Z); only its date matters.
  const raw = flags.asOf ?? e.OKR_NOW ?? now.toISOString();
  const asOf = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? raw.slice(0, 10) : raw;
  if (tryParseDay(asOf) === null) {
    const source = flags.asOf !== undefined ? "--as-of" : "OKR_NOW";
    throw new OkrError("invalid_input", `${source} "${asOf}" is not a date: use YYYY-MM-DD, e.g. 2026-11-26`);
  }
  let author = flags.author ?? e.OKR_AUTHOR;
  if (!author) {
    try {
      author = userInfo().username;
    } catch {
      author = "";
    }
  }
  return { dataDir: resolve(flags.data ?? e.OKR_DATA_DIR ?? "data"), asOf, author };
}
