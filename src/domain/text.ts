// Text as it may be stored: no control characters (a NUL, an ANSI escape that would repaint a
// terminal) and a length a person could have typed. Every way in (tools, CLI, import) goes through
// here; a text that is too long is refused, never cut, so nothing is stored other than what was sent.

/** Longest text per kind of field, in characters. */
export const TEXT_LIMITS = {
  title: 300,
  description: 4_000,
  note: 4_000,
  name: 120,
  unit: 40,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

/** C0 controls except tab and line feed, DEL, and C1 controls: what is never stored, nor printed
 *  raw to a terminal (the CLI shows them as \xNN). */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `text` without control characters: tabs become spaces, line breaks stay (only in notes and
 *  descriptions; elsewhere they become spaces), carriage returns go. */
export function cleanText(text: string, kind: TextKind): string {
  const multiline = kind === "note" || kind === "description";
  // Most text has nothing to clean: one test instead of three replacements (an import has millions).
  if (!ANY_CONTROL.test(text)) return text;
  const out = text.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(CONTROL, "");
  return multiline ? out : out.replace(/\n/g, " ");
}

/** Why `text` cannot be stored as `field` (after cleanText), or null. */
export function textProblem(text: string, kind: TextKind, field: string): string | null {
  const max = TEXT_LIMITS[kind];
  if (text.length <= max) return null; // UTF-16 units are never fewer than characters
  const length = [...text].length;
  return length > max ? `${field} is ${length.toLocaleString("en-US")} characters long; at most ${max.toLocaleString("en-US")} are accepted: shorten it` : null;
}

/** cleanText, then textProblem: the text to store, or why it cannot be. */
export function storedText(text: string, kind: TextKind, field: string): { text: string; problem: string | null } {
  const cleaned = cleanText(text, kind);
  return { text: cleaned, problem: textProblem(cleaned, kind, field) };
}

/** storedText for a caller that refuses with an error: the text, trimmed, or `fail(problem)`. */
export function acceptText(value: string | undefined, kind: TextKind, field: string, fail: (problem: string) => Error): string {
  const { text, problem } = storedText(value ?? "", kind, field);
  if (problem) throw fail(problem);
  return text.trim();
}
