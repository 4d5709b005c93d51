// Finds files that ship with the project (prompts/, package.json) whether the code runs compiled
// from dist/ or as TypeScript source under the test runner.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | null = null;

export function projectRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "prompts"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("Cannot find the project root (package.json next to prompts/)");
    dir = up;
  }
  return (root = dir);
}

export function projectVersion(): string {
  return JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")).version;
}

/** Whether a data location is a local directory; an object-store URI (s3://, s3+ddb://, gs://, az://)
 *  is not. Config, the workspace check and the store all ask this one question. */
export function isLocalPath(location: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
