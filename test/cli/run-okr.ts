// The okr command spawned as a person runs it (bin/okr.js over the compiled dist/), with a clean
// environment plus `env`: its exit code and what it printed.

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

export const BIN = join(import.meta.dirname, "../../bin/okr.js");
const run = promisify(execFile);

export interface OkrRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runOkr(args: string[], env: Record<string, string> = {}): Promise<OkrRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as OkrRun;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}
