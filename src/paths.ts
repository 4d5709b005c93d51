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
