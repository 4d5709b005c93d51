// Configuration, parsed once at start-up: command-line flags win over the environment.
// Nothing else in the project reads process.env.

import { userInfo } from "node:os";
import { resolve } from "node:path";
import { tryParseDay } from "./domain/dates.js";
import { OkrError } from "./domain/errors.js";
import { isLocalPath } from "./paths.js";

/** The variables read. An environment holds only strings, and a blank one counts as unset, so there
 *  is nothing for a schema to check: plain code rather than zod, whose loading cost every command
 *  40 ms before it could answer. */
const ENV_KEYS = [
  "OKR_DATA_DIR",
  "OKR_NOW",
  "OKR_AUTHOR",
  "OKR_READ_ONLY",
  "OKR_HTTP_TOKEN",
  "OKR_APPROVAL_SECRET",
  "OKR_MODEL",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
  "OKR_STORAGE_OPTIONS",
] as const;

export interface Config {
  /** A local folder (resolved to an absolute path) or an object-store URI (s3://, s3+ddb://, gs://, az://). */
  dataDir: string;
  /** LanceDB storage options for an object-store URI (endpoint, region, credentials, dynamodb_endpoint…). */
  storageOptions: Record<string, string>;
  /** "Today" when the command started, YYYY-MM-DD: what one-shot commands compute as of. */
  asOf: string;
  /** "Today" now: fixed by --as-of / OKR_NOW, else the current UTC date (a server runs for days). */
  today(): string;
  /** Who a check-in is attributed to when no author is given. */
  author: string;
  /** Register only read-only MCP tools. */
  readOnly: boolean;
  /** Bearer token every HTTP request must carry; null = no auth (loopback only). */
  httpToken: string | null;
  /** Signs the web chat's write approvals; null = a random secret per server start. */
  approvalSecret: string | null;
  /** The agent's model: local, openai:<model> or openai-compatible:<model>. */
  model: string;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
}

export interface ConfigFlags {
  data?: string;
  asOf?: string;
  author?: string;
  readOnly?: boolean;
  model?: string;
}

const TRUE = new Set(["1", "true", "yes", "on"]);

export function loadConfig(flags: ConfigFlags, env: Record<string, string | undefined>, now?: Date): Config {
  // A variable set to "" (`OKR_DATA_DIR= okr …`, a blank line in a .env file) means unset, as in most tools.
  const e: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};
  for (const k of ENV_KEYS) {
    const v = env[k];
    if (v !== undefined && v.trim() !== "") e[k] = v;
  }
  // OKR_NOW may be a full timestamp (2026-11-26T09:00:00Z); only its date matters.
  const fixedRaw = flags.asOf ?? e.OKR_NOW;
  const fixed = fixedRaw === undefined ? null : /^\d{4}-\d{2}-\d{2}T/.test(fixedRaw) ? fixedRaw.slice(0, 10) : fixedRaw;
  if (fixed !== null && tryParseDay(fixed) === null) {
    const source = flags.asOf !== undefined ? "--as-of" : "OKR_NOW";
    throw new OkrError("invalid_input", `${source} "${fixed}" is not a date: use YYYY-MM-DD, e.g. 2026-11-26`);
  }
  const today = () => fixed ?? (now ?? new Date()).toISOString().slice(0, 10);
  let author = flags.author ?? e.OKR_AUTHOR;
  if (!author) {
    try {
      author = userInfo().username;
    } catch {
      author = "";
    }
  }
  return {
    dataDir: dataLocation(flags.data ?? e.OKR_DATA_DIR ?? "data"),
    storageOptions: storageOptions(e.OKR_STORAGE_OPTIONS),
    asOf: today(),
    today,
    author,
    readOnly: flags.readOnly === true || TRUE.has((e.OKR_READ_ONLY ?? "").toLowerCase()),
    httpToken: e.OKR_HTTP_TOKEN ? e.OKR_HTTP_TOKEN : null,
    approvalSecret: e.OKR_APPROVAL_SECRET || null,
    model: flags.model ?? e.OKR_MODEL ?? "local",
    openaiApiKey: e.OPENAI_API_KEY || null,
    openaiBaseUrl: e.OPENAI_BASE_URL || null,
  };
}

/** An object-store URI stays as written; anything else is a folder, made absolute. */
function dataLocation(location: string): string {
  return isLocalPath(location) ? resolve(location) : location;
}

/** OKR_STORAGE_OPTIONS: a JSON object of strings, passed to LanceDB for object storage. */
function storageOptions(raw: string | undefined): Record<string, string> {
  if (!raw?.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  if (!isObject || !Object.values(parsed as object).every((v) => typeof v === "string"))
    throw new OkrError("invalid_input", 'OKR_STORAGE_OPTIONS must be a JSON object of strings, e.g. {"aws_endpoint":"http://127.0.0.1:9000","aws_region":"us-east-1"}.');
  return { ...(parsed as Record<string, string>) };
}
