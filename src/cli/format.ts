// Human-readable output: aligned tables, progress bars, statuses. Plain text, no colour codes
// unless stdout is a terminal (so piped output stays clean).

import type { Status } from "../domain/types.js";
import { STATUS_TEXT } from "../domain/wording.js";

let useColor = false;
/** Called once by the CLI with what config decided (a TTY and no NO_COLOR). */
export function setColor(on: boolean): void {
  useColor = on;
}
const paint = (code: number, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);

const STATUS_COLOR: Record<Status, number> = { completed: 36, on_track: 32, at_risk: 33, off_track: 31 };

export function status(s: Status | null): string {
  return s ? paint(STATUS_COLOR[s], STATUS_TEXT[s]) : "-";
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Signed percentage points, e.g. +4 pts / -2 pts. */
export function pts(x: number): string {
  const v = Math.round(x * 100);
  return `${v > 0 ? "+" : ""}${v} pts`;
}

export function bar(progress: number, width = 10): string {
  const filled = Math.round(Math.max(0, Math.min(1, progress)) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}

/** Numbers as a person reads them: 1,365,000 · 4.9 · 52.5 */
// One formatter for every number: toLocaleString with options builds a new one per call. Built on
// first use: making one loads ICU's number data (9 ms), which `--json` output never needs.
let NUMBER: Intl.NumberFormat | undefined;
export function num(x: number): string {
  return (NUMBER ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 })).format(x);
}

/** A value with its unit as people write it: 53.4%, 1,365,000 USD, 4 days. */
export function withUnit(x: number, unit: string): string {
  return unit === "%" ? `${num(x)}%` : unit ? `${num(x)} ${unit}` : num(x);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, "").normalize("NFC").length;

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Left-aligned columns; a column whose header starts with '>' is right-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const right = headers.map((h) => h.startsWith(">"));
  const heads = headers.map((h) => h.replace(/^>/, ""));
  const widths = heads.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(widths[i]! - visible(c));
        return right[i] ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(heads), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
