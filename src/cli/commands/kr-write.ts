// `okr kr add` and `okr kr set`: the KR writes people do by hand (a new KR, a moved target, a new
// owner, a rename, other start or due dates). `okr kr REF` (kr.ts) shows one.

import { tryParseDay } from "../../domain/dates.js";
import { OkrError } from "../../domain/errors.js";
import type { Direction, KrKind } from "../../domain/types.js";
import type { CommandContext, OptionSpec, ParsedArgs } from "../command.js";
import { withUnit } from "../format.js";
import { readCliNumber } from "../read-value.js";

export const KR_WRITE_OPTIONS: Record<string, OptionSpec> = {
  title: { type: "string", description: "set: the new title", placeholder: "TEXT" },
  start: { type: "string", description: "add: the baseline value (default 0)", placeholder: "N" },
  target: { type: "string", description: "add/set: the target value", placeholder: "N" },
  unit: { type: "string", description: "add: %, USD, days…", placeholder: "U" },
  owner: { type: "string", description: "add/set: who owns it", placeholder: "NAME" },
  kind: { type: "string", description: "add: metric (default) or milestone", placeholder: "K" },
  direction: { type: "string", description: "add: increase, decrease, stay_above or stay_below (default from start/target)", placeholder: "D" },
  "start-date": { type: "string", description: "add/set: when pace starts (default: today; `cycle` = the cycle start)", placeholder: "YYYY-MM-DD" },
  due: { type: "string", description: "add/set: due date in the cycle (`none` clears it)", placeholder: "YYYY-MM-DD" },
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function number(flag: string, v: unknown): number | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  return readCliNumber(text, `--${flag} "${text}"`);
}

function day(flag: string, v: unknown, clear: string): string | null | undefined {
  const text = str(v);
  if (text === undefined) return undefined;
  if (text === clear) return null;
  if (tryParseDay(text) === null) throw new OkrError("invalid_input", `--${flag} "${text}" is not a date: write YYYY-MM-DD (or ${clear}).`);
  return text;
}

/** okr kr add OBJECTIVE TITLE --target N … */
export async function addKr(ctx: CommandContext, { values, positionals }: ParsedArgs): Promise<void> {
  const [objective, ...words] = positionals;
  const title = words.join(" ").trim();
  if (!objective || !title)
    throw new OkrError("invalid_input", 'Give the objective and the KR\'s title: okr kr add O2 "Raise activation from 40% to 55%" --start 40 --target 55 --unit %');
  for (const f of ["title"]) if (values[f] !== undefined) throw new OkrError("invalid_input", `--${f} is for okr kr set; okr kr add takes the title as its second argument.`);
  const svc = await ctx.service();
  const kr = await svc.addKeyResult(
    {
      objective,
      title,
      start: number("start", values.start),
      target: number("target", values.target),
      unit: str(values.unit),
      owner: str(values.owner),
      kind: str(values.kind) as KrKind | undefined,
      direction: str(values.direction) as Direction | undefined,
      startDate: day("start-date", values["start-date"], "cycle"),
      due: day("due", values.due, "none"),
    },
    ctx.config.asOf,
  );
  if (ctx.json) return ctx.out(JSON.stringify(kr, null, 2));
  const pace = kr.startDate ? `pace counts from ${kr.startDate}` : "pace counts from the cycle start";
  ctx.out(
    `Added ${kr.ref} "${kr.title}": ${kr.direction} from ${withUnit(kr.start, kr.unit)} to ${withUnit(kr.target, kr.unit)}${kr.owner ? `, owner ${kr.owner}` : ""}; ${pace}.`,
  );
}

/** okr kr set REF --target N | --title T | --owner O | --start-date D | --due D */
export async function setKr(ctx: CommandContext, { values, positionals }: ParsedArgs): Promise<void> {
  const query = positionals.join(" ").trim();
  if (!query) throw new OkrError("invalid_input", "Say which key result: okr kr set KR2.1 --target 60 (see okr kr --help).");
  for (const f of ["start", "unit", "kind", "direction"])
    if (values[f] !== undefined) throw new OkrError("invalid_input", `--${f} cannot be changed on an existing key result (it would rewrite its history); add a new KR instead.`);
  const changes = {
    title: str(values.title),
    target: number("target", values.target),
    owner: str(values.owner),
    startDate: day("start-date", values["start-date"], "cycle"),
    due: day("due", values.due, "none"),
  };
  if (Object.values(changes).every((v) => v === undefined))
    throw new OkrError("invalid_input", "Nothing to change: give --target, --title, --owner, --start-date or --due (see okr kr --help).");
  const svc = await ctx.service();
  const before = await svc.resolveKeyResult(query);
  const { keyResult: kr, changed } = await svc.updateKeyResult(before.id, changes);
  if (ctx.json) return ctx.out(JSON.stringify({ keyResult: kr, changed }, null, 2));
  if (!changed.length) return ctx.out(`${kr.ref} already looks like that; nothing changed.`);
  const show = (f: string, k: typeof kr) =>
    f === "target"
      ? withUnit(k.target, k.unit)
      : f === "startDate"
        ? (k.startDate ?? "the cycle start")
        : f === "due"
          ? (k.due ?? "the cycle end")
          : k[f as "title" | "owner"]
            ? `"${k[f as "title" | "owner"]}"`
            : "(none)";
  ctx.out(`Updated ${kr.ref}: ${changed.map((f) => `${f === "startDate" ? "start date" : f} ${show(f, before)} → ${show(f, kr)}`).join("; ")}.`);
  ctx.out(`The earlier version stays in history. Check-ins are unchanged.`);
}
