// Answers to workspace questions, written from the rows the read tools returned and the view chosen
// with the question (reads.ts): all off-track KRs, lowest confidence first, by team, one owner's KRs,
// why one KR is behind, what a value would mean. Whole sentences in the language asked; reasons in
// Vietnamese are built from the numbers, not copied from the tools' English text.

import { say, type Lang } from "./lang.js";
import type { View } from "./reads.js";

export interface LagRow {
  ref: string;
  title: string;
  team: string;
  owner: string;
  start?: number;
  current: number;
  target: number;
  unit: string;
  progress: number;
  expected: number;
  gap: number;
  status: string;
  confidence: number | null;
  stale: boolean;
  weeklyDelta: number;
  lastCheckIn: string | null;
  reason: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const points = (x: number, lang: Lang) => `${Math.round(Math.abs(x) * 100)} ${say(lang, "pts", "điểm")}`;
const STATUS: Record<string, [string, string]> = {
  completed: ["completed", "đã hoàn thành"],
  on_track: ["on track", "đúng tiến độ"],
  at_risk: ["at risk", "có rủi ro"],
  off_track: ["off track", "chệch hướng"],
};
export const statusWord = (s: string, lang: Lang) => STATUS[s]?.[lang === "vi" ? 1 : 0] ?? s;
const value = (v: number | string, unit: string) => (unit === "%" ? `${v}%` : unit ? `${v} ${unit}` : `${v}`);

/** Why a KR is where it is, from its numbers, in the language asked. */
export function why(r: Pick<LagRow, "gap" | "progress" | "expected" | "confidence" | "reason">, lang: Lang): string {
  if (lang === "en") return r.reason;
  const parts = [
    r.gap > 0
      ? `chậm ${points(r.gap, lang)} so với tiến độ (tiến độ ${pct(r.progress)} so với kỳ vọng ${pct(r.expected)})`
      : `đúng hoặc vượt tiến độ (tiến độ ${pct(r.progress)}, kỳ vọng ${pct(r.expected)})`,
  ];
  if (r.confidence !== null) parts.push(`độ tin cậy ${r.confidence}/5`);
  return parts.join("; ");
}

function week(r: LagRow, lang: Lang): string {
  return r.weeklyDelta === 0
    ? say(lang, "no change this week", "không đổi trong tuần")
    : `${r.weeklyDelta > 0 ? "+" : "−"}${points(r.weeklyDelta, lang)} ${say(lang, "this week", "trong tuần")}`;
}

export function line(r: LagRow, lang: Lang): string {
  return `${r.ref} ${r.title} (${r.team}${r.owner ? `, ${r.owner}` : ""}): ${pct(r.progress)} ${say(lang, "vs", "so với")} ${pct(r.expected)} ${say(lang, "expected", "kỳ vọng")}, ${statusWord(r.status, lang)}, ${say(lang, "confidence", "độ tin cậy")} ${r.confidence ?? "-"}/5, ${week(r, lang)}`;
}

const list = (rows: LagRow[], lang: Lang) => rows.map((r) => `- ${line(r, lang)}`).join("\n");

/** Lagging-style answers over the rows of one or more query_lagging_key_results calls. */
export function laggingView(asOf: string, rows: LagRow[], view: View | undefined, userText: string, lang: Lang, scope: string | null, byOwner = false): string {
  const where = scope ? say(lang, byOwner ? ` for ${scope}` : ` in ${scope}`, ` của ${scope}`) : "";
  if (rows.length === 0)
    return say(lang, `Nothing is lagging${where} as of ${asOf}: every key result asked about is completed.`, `Không có KR nào bị chậm${where} tính đến ${asOf}.`);
  const kind = view?.kind ?? "lagging";
  if (kind === "confidence") {
    const known = rows.filter((r) => r.confidence !== null).sort((a, b) => a.confidence! - b.confidence! || b.gap - a.gap);
    const low = known[0]!.confidence!;
    const lowest = known.filter((r) => r.confidence === low);
    return `${say(lang, `Lowest confidence${where} as of ${asOf}: ${low}/5, on ${lowest.length} key result${lowest.length > 1 ? "s" : ""}:`, `Độ tin cậy thấp nhất${where} tính đến ${asOf}: ${low}/5, ở ${lowest.length} KR:`)}\n${list(lowest, lang)}`;
  }
  if (kind === "regressed") {
    const down = rows.filter((r) => r.weeklyDelta < 0).sort((a, b) => a.weeklyDelta - b.weeklyDelta);
    if (!down.length) return say(lang, `No key result${where} went backwards this week (as of ${asOf}).`, `Không có KR nào${where} đi lùi trong tuần này (tính đến ${asOf}).`);
    return `${say(lang, `Went backwards this week${where}:`, `Đi lùi trong tuần này${where}:`)}\n${list(down, lang)}`;
  }
  if (kind === "stale" && view?.kind === "stale") {
    const limit = Date.parse(`${asOf}T00:00:00Z`) - view.days * 86_400_000;
    const old = rows.filter((r) => r.lastCheckIn === null || Date.parse(`${r.lastCheckIn}T00:00:00Z`) < limit);
    if (!old.length)
      return say(lang, `Every open key result${where} has a check-in from the last ${view.days} days.`, `Mọi KR đang mở${where} đều có cập nhật trong ${view.days} ngày qua.`);
    const l = (r: LagRow) =>
      `- ${r.ref} ${r.title} (${r.owner || say(lang, "no owner", "chưa có người phụ trách")}): ${say(lang, "last check-in", "lần cập nhật cuối")} ${r.lastCheckIn ?? say(lang, "never", "chưa có")}`;
    return `${say(lang, `No check-in for more than ${view.days} days${where}:`, `Chưa cập nhật hơn ${view.days} ngày${where}:`)}\n${old.map(l).join("\n")}`;
  }
  if (kind === "mismatch") {
    const odd = rows.filter((r) => r.confidence !== null && r.confidence >= 4 && r.gap > 0.25);
    if (!odd.length) return say(lang, `No key result${where} reports high confidence while far behind pace.`, `Không có KR nào${where} báo độ tin cậy cao trong khi chậm nhiều.`);
    return `${say(lang, "High confidence but far behind pace:", "Độ tin cậy cao nhưng chậm nhiều so với tiến độ:")}\n${list(odd, lang)}`;
  }
  if (kind === "worst" && view?.kind === "worst") {
    const groups = new Map<string, LagRow[]>();
    for (const r of rows) {
      const key = view.by === "team" ? r.team : r.owner || say(lang, "(no owner)", "(chưa có người phụ trách)");
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const score = (rs: LagRow[]) => rs.filter((r) => r.status === "off_track").length * 10 + rs.reduce((s, r) => s + Math.max(0, r.gap), 0);
    const ranked = [...groups.entries()].sort((a, b) => score(b[1]) - score(a[1]));
    const describe = ([name, rs]: [string, LagRow[]]) => {
      const off = rs.filter((r) => r.status === "off_track");
      const worst = [...rs].sort((a, b) => b.gap - a.gap)[0]!;
      return say(
        lang,
        `${name}: ${off.length} off track${off.length ? ` (${off.map((r) => r.ref).join(", ")})` : ""}; furthest behind ${worst.ref}, ${points(worst.gap, lang)} behind pace`,
        `${name}: ${off.length} KR chệch hướng${off.length ? ` (${off.map((r) => r.ref).join(", ")})` : ""}; chậm nhất là ${worst.ref}, chậm ${points(worst.gap, lang)} so với tiến độ`,
      );
    };
    const [first, ...rest] = ranked;
    return `${say(lang, `Doing worst as of ${asOf}: ${describe(first!)}.`, `Tệ nhất tính đến ${asOf}: ${describe(first!)}.`)}${rest.length ? `\n${say(lang, "Then:", "Tiếp theo:")}\n${rest.map((g) => `- ${describe(g)}`).join("\n")}` : ""}`;
  }
  // Lagging: the top N, or all of them when asked for all / for a status.
  let shown = rows;
  let prefix = "";
  const filter = view?.kind === "lagging" ? view.filter : /off.?track|chệch|lech/i.test(userText) ? "off_track" : null;
  if (filter) {
    const hits = rows.filter((r) => r.status === filter || (filter === "at_risk" && r.status === "off_track"));
    if (hits.length) shown = hits;
    else {
      prefix = say(lang, `Nothing${where} is ${statusWord(filter, lang)}. `, `Không có KR nào${where} ${statusWord(filter, lang)}. `);
      shown = rows.slice(0, 3);
    }
  }
  if (view?.kind === "lagging" && view.all && filter && shown !== rows) {
    const head = say(
      lang,
      `${shown.length} key result${shown.length > 1 ? "s" : ""}${where} ${shown.length > 1 ? "are" : "is"} ${statusWord(filter, lang)} as of ${asOf}, most behind first:`,
      `${shown.length} KR${where} đang ${statusWord(filter, lang)} tính đến ${asOf}, chậm nhất trước:`,
    );
    return `${prefix}${head}\n${list(shown, lang)}`;
  }
  const [first, ...rest] = shown;
  const head =
    prefix +
    say(
      lang,
      `Lagging most${where} as of ${asOf}: ${line(first!, lang)}. Why: ${why(first!, lang)}.`,
      `Chậm nhất${where} tính đến ${asOf}: ${line(first!, lang)}. Lý do: ${why(first!, lang)}.`,
    );
  return rest.length ? `${head}\n${say(lang, "Next:", "Tiếp theo:")}\n${list(rest, lang)}` : head;
}

export interface KrDetailData extends LagRow {
  start: number;
  forecast: { projectedValue: number; projectedProgress: number; grade: { score: number; color: string } };
  checkIns: { date: string; value: number; confidence: number; note: string; author: string }[];
}

const COLOR: Record<string, string> = { red: "đỏ", yellow: "vàng", green: "xanh" };

/** One KR: whose it is, where it stands and why, with its latest notes (quoted: they are people's words). */
export function krAnswer(k: KrDetailData, view: View | undefined, lang: Lang): string {
  if (view?.kind === "what-if") return whatIf(k, view.value, lang);
  if (view?.kind === "text-about") {
    const ignored = view.instructions ? say(lang, " It also holds instructions, which I did not follow.", " Trong đó còn có chỉ dẫn, mình không làm theo.") : "";
    const said =
      view.said.length && !(view.instructions && view.check)
        ? say(lang, ` The text says ${view.said.join(", ")}; what is stored for ${k.ref}:`, ` Văn bản ghi ${view.said.join(", ")}; số liệu đang lưu của ${k.ref}:`)
        : say(lang, ` What is stored for ${k.ref}:`, ` Số liệu đang lưu của ${k.ref}:`);
    const lead = view.check
      ? say(lang, "I changed nothing.", "Mình chưa thay đổi gì.")
      : say(lang, "I don't write, translate or summarise text, and I changed nothing.", "Mình không viết, dịch hay tóm tắt văn bản, và mình chưa thay đổi gì.");
    const terms = view.terms?.length
      ? say(
          lang,
          ` Its OKR terms: ${view.terms.map(([en, vi]) => `${vi} = ${en}`).join("; ")}.`,
          ` Thuật ngữ OKR trong đó: ${view.terms.map(([en, vi]) => `${vi} = ${en}`).join("; ")}.`,
        )
      : "";
    return `${lead}${ignored}${terms}${said}\n${krAnswer(k, undefined, lang)}`;
  }
  const notes = k.checkIns.filter((c) => c.note).slice(-2);
  const quoted = notes.length ? ` ${say(lang, "Latest notes (quoted)", "Ghi chú gần nhất (trích)")}: ${notes.map((c) => `${c.date} "${c.note}"`).join("; ")}` : "";
  const color = lang === "vi" ? (COLOR[k.forecast.grade.color] ?? k.forecast.grade.color) : k.forecast.grade.color;
  // What is left to the target, in the KR's unit ("4.2% to go"), while it is not reached.
  const gapLeft = Number(Math.abs(k.target - k.current).toPrecision(12));
  const reached = k.target >= k.start ? k.current >= k.target : k.current <= k.target;
  const left = !reached && gapLeft > 0 ? value(gapLeft, k.unit) : "";
  // The least-squares forecast, readable: "46,494 visits/month", "1,485,900 USD", "97.9%".
  const p = k.forecast.projectedValue;
  const projected = value(Math.abs(p) >= 1000 ? Math.round(p).toLocaleString("en-US") : Number(p.toFixed(1)), k.unit);
  return say(
    lang,
    `${k.ref} ${k.title} (${k.team}, ${k.owner ? `owner ${k.owner}` : "no owner"}): ${value(k.current, k.unit)} toward ${value(k.target, k.unit)}${left ? ` (${left} to go)` : ""}, progress ${pct(k.progress)} vs ${pct(k.expected)} expected, ${statusWord(k.status, lang)}, confidence ${k.confidence ?? "-"}/5, last check-in ${k.lastCheckIn ?? "never"}. ${why(k, lang)}. Forecast at cycle end at this pace: ${projected} (${pct(k.forecast.projectedProgress)}), grade ${k.forecast.grade.score.toFixed(1)} (${color}).${quoted}`,
    `${k.ref} ${k.title} (${k.team}, ${k.owner ? `người phụ trách ${k.owner}` : "chưa có người phụ trách"}): ${value(k.current, k.unit)} / mục tiêu ${value(k.target, k.unit)}${left ? ` (còn ${left})` : ""}, tiến độ ${pct(k.progress)} so với kỳ vọng ${pct(k.expected)}, ${statusWord(k.status, lang)}, độ tin cậy ${k.confidence ?? "-"}/5, lần cập nhật cuối ${k.lastCheckIn ?? "chưa có"}. Lý do: ${why(k, lang)}. Dự báo cuối kỳ theo nhịp hiện tại: ${projected} (${pct(k.forecast.projectedProgress)}), điểm ${k.forecast.grade.score.toFixed(1)} (${color}).${quoted}`,
  );
}

/** The notes written with check-ins, quoted as they are (people's words, never instructions): on the
 *  day asked about, or the latest two of each KR; said plainly when there are none. */
export function notesAnswer(krs: KrDetailData[], date: string | undefined, lang: Lang): string {
  const line = (k: KrDetailData, c: KrDetailData["checkIns"][number]) => `- ${k.ref} ${k.title}, ${c.date}${c.author ? ` (${c.author})` : ""}: "${c.note}"`;
  const onDay = krs.flatMap((k) => k.checkIns.filter((c) => c.note && (!date || c.date === date)).map((c) => ({ k, c })));
  const shown = date
    ? onDay
    : krs.flatMap((k) =>
        k.checkIns
          .filter((c) => c.note)
          .slice(-2)
          .map((c) => ({ k, c })),
      );
  // "why is KR1.3 so slow, what do the notes say": one KR's numbers come first, then its notes.
  const numbers =
    krs.length === 1 && !date
      ? `${say(lang, `${krs[0]!.ref} is at ${value(krs[0]!.current, krs[0]!.unit)} toward ${value(krs[0]!.target, krs[0]!.unit)}`, `${krs[0]!.ref} đang ở ${value(krs[0]!.current, krs[0]!.unit)} / mục tiêu ${value(krs[0]!.target, krs[0]!.unit)}`)}; ${why(krs[0]!, lang)}.\n`
      : "";
  if (shown.length) {
    const head = date ? say(lang, `Notes from ${date} (quoted):`, `Ghi chú ngày ${date} (trích):`) : say(lang, "Latest notes (quoted):", "Ghi chú gần nhất (trích):");
    return `${numbers}${head}\n${shown.map(({ k, c }) => line(k, c)).join("\n")}`;
  }
  const refs = krs.map((k) => k.ref).join(", ");
  const latest = krs.flatMap((k) =>
    k.checkIns
      .filter((c) => c.note)
      .slice(-1)
      .map((c) => ({ k, c })),
  );
  const none = date
    ? say(lang, `No check-in of ${refs} on ${date} has a note.`, `Không có lần cập nhật nào của ${refs} ngày ${date} có ghi chú.`)
    : say(lang, `No check-in of ${refs} has a note.`, `Chưa có lần cập nhật nào của ${refs} có ghi chú.`);
  return latest.length ? `${none} ${say(lang, "The latest ones:", "Gần nhất:")}\n${latest.map(({ k, c }) => line(k, c)).join("\n")}` : none;
}

/** "What if NPS hits 60?": the progress, status and grade that value would give, computed by the
 *  same formulas; nothing is written. */
function whatIf(k: KrDetailData, v: number, lang: Lang): string {
  const raw = k.target === k.start ? (v >= k.target ? 1 : 0) : (v - k.start) / (k.target - k.start);
  const p = Math.min(1, Math.max(0, raw));
  const gap = k.expected - p;
  const s = p >= 1 ? "completed" : gap > 0.25 ? "off_track" : gap > 0.1 ? "at_risk" : "on_track";
  const grade = Math.round(p * 10) / 10;
  const color = grade >= 0.7 ? ["green", "xanh"] : grade >= 0.4 ? ["yellow", "vàng"] : ["red", "đỏ"];
  return say(
    lang,
    `If ${k.ref} ${k.title} were at ${value(v, k.unit)}: progress ${pct(p)} (expected now ${pct(k.expected)}), ${statusWord(s, lang)} today, and a grade of ${grade.toFixed(1)} (${color[0]}) if it ended the cycle there. Nothing was logged.`,
    `Nếu ${k.ref} ${k.title} đạt ${value(v, k.unit)}: tiến độ ${pct(p)} (kỳ vọng hiện tại ${pct(k.expected)}), trạng thái hôm nay ${statusWord(s, lang)}, và điểm ${grade.toFixed(1)} (${color[1]}) nếu kết thúc chu kỳ ở mức đó. Mình chưa ghi gì.`,
  );
}

export interface ObjectiveData {
  ref: string;
  title: string;
  team: string;
  owner: string;
  progress: number;
  expected: number;
  status: string | null;
  pulledDownBy?: string[];
  keyResults: (Omit<LagRow, "weeklyDelta" | "lastCheckIn" | "reason" | "team"> & { team?: string })[];
}

/** list_okrs rows, narrowed to one objective, one owner's KRs or shown whole. */
export function okrsAnswer(objectives: ObjectiveData[], view: View | undefined, lang: Lang): string {
  let shown = objectives;
  if (view?.kind === "objective") shown = objectives.filter((o) => o.ref.toUpperCase() === view.ref.toUpperCase());
  if (view?.kind === "objectives-behind") {
    const open = objectives.filter((o) => o.status !== "completed" && o.keyResults.length).sort((a, b) => b.expected - b.progress - (a.expected - a.progress));
    if (!open.length) return say(lang, "No objective is behind.", "Không có mục tiêu nào bị chậm.");
    const one = (o: ObjectiveData) =>
      say(
        lang,
        `${o.ref} ${o.title} (${o.team}, ${o.owner || "no owner"}): ${pct(o.progress)} against ${pct(o.expected)} expected, ${o.status ? statusWord(o.status, lang) : "-"}`,
        `${o.ref} ${o.title} (${o.team}, ${o.owner || "chưa có người phụ trách"}): ${pct(o.progress)} so với kỳ vọng ${pct(o.expected)}, ${o.status ? statusWord(o.status, lang) : "-"}`,
      );
    return `${say(lang, "Furthest behind pace:", "Chậm nhất so với tiến độ:")} ${one(open[0]!)}.${
      open.length > 1
        ? `\n${say(lang, "Then:", "Tiếp theo:")}\n${open
            .slice(1, 4)
            .map((o) => `- ${one(o)}`)
            .join("\n")}`
        : ""
    }`;
  }
  if (!shown.length) return say(lang, "No objectives match.", "Không có mục tiêu nào phù hợp.");
  const kr = (k: ObjectiveData["keyResults"][number]) =>
    `- ${k.ref} ${k.title} (${k.owner || "-"}): ${value(k.current, k.unit)} / ${value(k.target, k.unit)}, ${pct(k.progress)}, ${statusWord(k.status, lang)}${k.confidence !== null ? `, ${say(lang, "confidence", "độ tin cậy")} ${k.confidence}/5` : ""}`;
  if (view?.kind === "owner") {
    const mine = shown.flatMap((o) => o.keyResults.filter((k) => k.owner === view.owner));
    const owned = shown.filter((o) => o.owner === view.owner);
    const head = say(lang, `${view.owner}'s key results:`, `Các KR của ${view.owner}:`);
    const objs = owned.length
      ? `\n${say(lang, "Objectives they own", "Mục tiêu phụ trách")}: ${owned.map((o) => `${o.ref} ${o.title} (${pct(o.progress)}, ${o.status ? statusWord(o.status, lang) : "-"})`).join("; ")}`
      : "";
    return `${head}\n${mine.map(kr).join("\n") || say(lang, "- none", "- không có")}${objs}`;
  }
  return shown
    .map((o) => {
      const by = o.pulledDownBy?.length ? say(lang, ` (held back by ${o.pulledDownBy.join(", ")})`, ` (bị kéo xuống bởi ${o.pulledDownBy.join(", ")})`) : "";
      return [
        `${o.ref} ${o.title} (${o.team}): ${pct(o.progress)} ${say(lang, "vs", "so với")} ${pct(o.expected)} ${say(lang, "expected", "kỳ vọng")}, ${o.status ? statusWord(o.status, lang) : "-"}${by}`,
        ...o.keyResults.map(kr),
      ].join("\n");
    })
    .join("\n");
}
