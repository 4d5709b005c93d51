// Command-line arguments: parsed leniently by node:util, then checked here so that every mistake
// gets one line saying what is wrong and what to type instead (parseArgs' own messages do not,
// and it refuses "--limit -3" before we could say why -3 is not a limit).

import { parseArgs } from "node:util";
import { OkrError } from "../domain/errors.js";
import type { OptionSpec, ParsedArgs } from "./command.js";
import { closest } from "./suggest.js";

const looksNumeric = (s: string) => /^-(\d|\.\d)/.test(s);

/** Parses `argv` against a command's options; throws invalid_input naming the fix. */
export function parseCommandArgs(command: string, options: Record<string, OptionSpec>, argv: string[]): ParsedArgs {
  const config = Object.fromEntries(
    Object.entries(options).map(([n, o]) => [n, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
  );
  const { values, positionals, tokens } = parseArgs({ args: argv, options: config, allowPositionals: true, strict: false, tokens: true });
  const help = ` See okr ${command} --help.`;
  const byShort = new Map(Object.entries(options).flatMap(([n, o]) => (o.short ? [[o.short, n] as const] : [])));
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const spec = options[t.name];
    if (!spec) {
      if (looksNumeric(t.rawName)) {
        const quote = (a: string) => (/\s/.test(a) ? `"${a}"` : a);
        const fixed = [...argv.filter((_, i) => i !== t.index).map(quote), "--", argv[t.index]].join(" ");
        throw new OkrError("invalid_input", `${argv[t.index]} looks like a negative number: put it after --, as in okr ${command} ${fixed}.${help}`);
      }
      const long = t.rawName.startsWith("--");
      const guess = long ? closest(t.name, Object.keys(options)) : byShort.has(t.name.toLowerCase()) ? byShort.get(t.name.toLowerCase())! : null;
      throw new OkrError("invalid_input", `Unknown option ${t.rawName}.${guess ? ` Did you mean --${guess}?` : ""}${help}`);
    }
    // "--team --json" is a forgotten value far more often than a team called --json.
    if (spec.type === "string" && (t.value === undefined || (!t.inlineValue && /^--?[A-Za-z]/.test(t.value)))) {
      const after = t.value === undefined ? "" : ` (${t.value} is an option; if you meant it as the value, write ${t.rawName}=${t.value})`;
      throw new OkrError("invalid_input", `${t.rawName} needs a value: ${t.rawName} ${spec.placeholder ?? "VALUE"}${after}.${help}`);
    }
    if (spec.type === "boolean" && t.value !== undefined) {
      throw new OkrError("invalid_input", `${t.rawName} takes no value (drop "=${t.value}").${help}`);
    }
  }
  return { values: values as ParsedArgs["values"], positionals };
}

/**
 * A whole-number option, checked: undefined when not given, else a number in [min, max];
 * otherwise one line that says what the option wants, e.g.
 * `--limit must be a whole number of at least 1, not "-3" (e.g. --limit 5)`.
 */
export function wholeNumber(text: string | undefined, flag: string, { min, max, example }: { min: number; max?: number; example: number }): number | undefined {
  if (text === undefined) return undefined;
  const n = text.trim() === "" ? NaN : Number(text);
  if (Number.isInteger(n) && n >= min && (max === undefined || n <= max)) return n;
  const range = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  throw new OkrError("invalid_input", `${flag} must be a whole number ${range}, not "${text}" (e.g. ${flag} ${example})`);
}
