// ESLint: its recommended rules plus typescript-eslint's recommended ones (without type information,
// so linting needs no TypeScript program and stays fast) over every folder that holds code.
// Layout is Prettier's job (.prettierrc.json), not ESLint's.

import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig([
  globalIgnores(["dist/", "coverage/", "data/", "data.*/", "*-data/", ".okr-data/", "examples/"]),
  {
    files: ["src/**/*.ts", "tools/**/*.ts", "evals/**/*.ts", "test/**/*.ts", "web/**/*.{ts,tsx}", "scripts/**/*.js", "bin/**/*.js", "*.config.{js,ts}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
  },
  {
    // Plain JavaScript run by Node: the one global it uses (TypeScript files get theirs from @types/node).
    files: ["bin/**/*.js", "scripts/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", Atomics: "readonly", SharedArrayBuffer: "readonly", Int32Array: "readonly" } },
  },
]);
