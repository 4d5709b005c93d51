// The `okr` command: parses arguments, runs one command, maps errors to exit codes (EXIT below).

import { loadConfig, type Config } from "../config.js";
import { projectVersion } from "../paths.js";
import { isOkrError, type OkrErrorCode } from "../domain/errors.js";
import { CONTROL } from "../domain/text.js";
import { localActor } from "../domain/access.js";
import type { OkrService } from "../service/okr-service.js";
import { parseCommandArgs } from "./args.js";
import { GLOBAL_OPTIONS, commandHelp, type CommandContext, type CommandSpec } from "./command.js";
import { chatCommand } from "./commands/chat.js";
import { checkinCommand } from "./commands/checkin.js";
import { critiqueCommand, reviewCommand } from "./commands/critique.js";
import { remindCommand, summaryCommand } from "./commands/summary.js";
import { demoCommand, startCommand } from "./commands/demo.js";
import { exportCommand } from "./commands/export.js";
import { importCommand } from "./commands/import.js";
import { krCommand } from "./commands/kr.js";
import { laggingCommand } from "./commands/lagging.js";
import { objectiveCommand } from "./commands/objective.js";
import { undoCommand } from "./commands/undo.js";
import { auditCommand, usersCommand } from "./commands/users.js";
import { searchCommand } from "./commands/search.js";
import { serveCommand } from "./commands/serve.js";
import { treeCommand } from "./commands/tree.js";
import { setColor } from "./format.js";
import { closest } from "./suggest.js";
import { requireWorkspace } from "./workspace-check.js";

export const COMMANDS: CommandSpec[] = [
  laggingCommand,
  treeCommand,
  krCommand,
  checkinCommand,
  undoCommand,
  objectiveCommand,
  searchCommand,
  chatCommand,
  critiqueCommand,
  reviewCommand,
  summaryCommand,
  remindCommand,
  importCommand,
  exportCommand,
  usersCommand,
  auditCommand,
  demoCommand,
  serveCommand,
  startCommand,
];

/** Exit codes (README documents them): scripts can tell "fix the call" from "try again later". */
export const EXIT = {
  ok: 0,
  /** Bad input, or something named that does not exist: the message says what to change. */
  badInput: 1,
  /** A bug in okr or damaged data: the message carries the stack for a report. */
  internal: 2,
  /** Something outside okr failed (a webhook, an MCP or model server): retrying later may help. */
  unavailable: 3,
} as const;

/** Control characters (an ANSI escape from a binary file, a NUL) shown as \\xNN instead of reaching
 *  the terminal. */
const visible = (s: string): string => s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** What the machine refused (a full disk, no permission, a read-only file system), in one line, from
 *  Node's error code or the OS error LanceDB reports; null for anything else. */
export function environmentProblem(e: unknown): string | null {
  const SAYS: Record<string, string> = {
    ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "the file system is read-only",
  };
  const OS: Record<string, string> = { "28": "ENOSPC", "122": "EDQUOT", "13": "EACCES", "1": "EPERM", "30": "EROFS" };
  for (let x: unknown = e; x instanceof Error; x = (x as { cause?: unknown }).cause) {
    const errno = x as NodeJS.ErrnoException;
    const code = errno.code && SAYS[errno.code] ? errno.code : OS[/\(os error (\d+)\)/.exec(x.message)?.[1] ?? ""];
    if (code) return `${SAYS[code]}${errno.path ? ` (${errno.path})` : ""}: the command did not complete. Free some space or fix the permissions, then try again.`;
  }
  return null;
}

const exitCode = (code: OkrErrorCode): number => (code === "internal" ? EXIT.internal : code === "unavailable" ? EXIT.unavailable : EXIT.badInput);

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: Date;
  color?: boolean;
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `okr ${projectVersion()}: a local-first OKR workspace (objectives, key results, check-ins) on LanceDB.`,
    "",
    "Usage: okr <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options for every command:",
    ...Object.entries(GLOBAL_OPTIONS).map(([n, o]) => `  --${`${n}${o.type === "string" ? ` ${o.placeholder}` : ""}`.padEnd(20)} ${o.description}`),
    `  ${"--version, -V".padEnd(22)} print okr's version (also: okr version)`,
    "",
    "Environment: OKR_DATA_DIR (data directory), OKR_NOW (today, YYYY-MM-DD), OKR_AUTHOR (check-in author),",
    "OKR_HTTP_TOKEN (one admin token for okr serve --http; okr users gives each person theirs), OKR_READ_ONLY=1 (read-only MCP tools),",
    "OKR_MODEL (agent model), OPENAI_API_KEY, OPENAI_BASE_URL (OpenAI-compatible servers).",
    "Run `okr <command> --help` for a command's options and examples.",
    `Exit codes: ${EXIT.ok} ok, ${EXIT.badInput} bad input (the message says what to fix), ${EXIT.internal} internal error, ${EXIT.unavailable} a server or webhook could not be reached.`,
  ].join("\n");
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const sub = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.stdout((sub ? commandHelp(sub) : mainHelp()) + "\n");
    return name ? 0 : 1;
  }
  if (name === "--version" || name === "-V" || name === "-v" || name === "version") {
    io.stdout(projectVersion() + "\n");
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = closest(
      name,
      COMMANDS.map((c) => c.name),
    );
    io.stderr(`okr: unknown command "${name}".${guess ? ` Did you mean \`okr ${guess}\`?` : ""} Commands: ${COMMANDS.map((c) => c.name).join(", ")}. See okr --help.\n`);
    return EXIT.badInput;
  }
  let service: OkrService | null = null;
  try {
    const { values, positionals } = parseCommandArgs(name, { ...command.options, ...GLOBAL_OPTIONS }, rest);
    if (values.help) {
      io.stdout(commandHelp(command) + "\n");
      return 0;
    }
    const config: Config = loadConfig(
      {
        data: values.data as string | undefined,
        asOf: values["as-of"] as string | undefined,
        author: values.author as string | undefined,
        readOnly: values["read-only"] === true,
        model: values.model as string | undefined,
      },
      io.env,
      io.now,
    );
    setColor(io.color ?? false);
    const ctx: CommandContext = {
      config,
      json: values.json === true,
      async service() {
        if (service) return service;
        if (!command.workspace) {
          const { LanceStore } = await import("../store/lance-store.js");
          await requireWorkspace(config.dataDir, LanceStore.holdsWorkspace);
        }
        return (service = await ctx.serviceAt(config.dataDir));
      },
      async serviceAt(dir) {
        // LanceDB's native module and the service load only for commands that touch data (not for --help).
        const [{ LanceStore }, { OkrService }] = await Promise.all([import("../store/lance-store.js"), import("../service/okr-service.js")]);
        const s = new OkrService(await LanceStore.open(dir, { storageOptions: config.storageOptions }), () => io.now ?? new Date());
        // Whoever runs okr here can open the data folder: an admin, known by their author name.
        s.actor = localActor(config.author, "cli");
        return s;
      },
      now: () => io.now ?? new Date(),
      out: (t) => io.stdout(t + "\n"),
      raw: (t) => io.stdout(t),
      err: (t) => io.stderr(t + "\n"),
    };
    await command.run(ctx, { values, positionals });
    return EXIT.ok;
  } catch (e) {
    if (isOkrError(e) && e.code !== "internal") {
      io.stderr(`okr ${name}: ${visible(e.messageFor("cli"))}\n`);
      for (const d of e.details) io.stderr(`  ${visible(d)}\n`);
      return exitCode(e.code);
    }
    const environment = environmentProblem(e);
    if (environment) {
      io.stderr(`okr ${name}: ${visible(environment)}\n`);
      return EXIT.badInput;
    }
    io.stderr(`okr ${name}: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  } finally {
    if (service) await (service as OkrService).close().catch(() => {});
  }
}
