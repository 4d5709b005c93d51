// The local model's second step: an answer written only from the tool results it was given.
// Numbers are quoted as the tools returned them; tool errors become questions or plain reports.

import { say, type Lang } from "./lang.js";
import { formatDraft, type Draft } from "./draft.js";

export interface ToolOutcome {
  toolName: string;
  input: Record<string, unknown>;
  ok: boolean;
  /** Structured content on success, the error text on failure. */
  data: unknown;
  /** A failure's structured error (code, message, candidates), when the tool sent one. */
  error?: { code: string; message: string; candidates?: { ref: string; title: string }[]; details?: string[] };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pts = (x: number) => `${Math.round(Math.abs(x) * 100)} pts`;
const STATUS: Record<string, [string, string]> = {
  completed: ["completed", "đã hoàn thành"],
  on_track: ["on track", "đúng tiến độ"],
  at_risk: ["at risk", "có rủi ro"],
  off_track: ["off track", "chệch hướng"],
};
const status = (s: string, lang: Lang) => STATUS[s]?.[lang === "vi" ? 1 : 0] ?? s;

type Row = Record<string, unknown> & { ref: string; title: string };

function laggingAnswer(
  d: {
    asOf: string;
    keyResults: (Row & { progress: number; expected: number; gap: number; status: string; confidence: number | null; weeklyDelta: number; reason: string; team: string })[];
  },
  userText: string,
  lang: Lang,
): string {
  let rows = d.keyResults;
  if (rows.length === 0) return say(lang, `Nothing is lagging as of ${d.asOf}: every key result asked about is completed.`, `Không có KR nào bị chậm tính đến ${d.asOf}.`);
  let prefix = "";
  if (/off.?track|chệch|lech/i.test(userText)) {
    const off = rows.filter((r) => r.status === "off_track");
    if (off.length) rows = off;
    else prefix = say(lang, `Nothing ${rows[0]!.team ? `in ${rows[0]!.team} ` : ""}is off track. `, `Không có KR nào ${rows[0]!.team ? `của ${rows[0]!.team} ` : ""}chệch hướng. `);
  }
  const [first, ...rest] = rows;
  const week = (r: { weeklyDelta: number }) =>
    r.weeklyDelta === 0
      ? say(lang, "no change this week", "không đổi trong tuần")
      : `${r.weeklyDelta > 0 ? "+" : "−"}${pts(r.weeklyDelta)} ${say(lang, "this week", "trong tuần")}`;
  const line = (r: (typeof rows)[number]) =>
    `${r.ref} ${r.title} (${r.team}): ${pct(r.progress)} ${say(lang, "vs", "so với")} ${pct(r.expected)} ${say(lang, "expected", "kỳ vọng")}, ${status(r.status, lang)}, ${say(lang, "confidence", "độ tin cậy")} ${r.confidence ?? "-"}/5, ${week(r)}`;
  const head =
    prefix + say(lang, `Lagging most as of ${d.asOf}: ${line(first!)}. Why: ${first!.reason}.`, `Chậm nhất tính đến ${d.asOf}: ${line(first!)}. Lý do: ${first!.reason}.`);
  return rest.length ? `${head}\n${say(lang, "Next:", "Tiếp theo:")}\n${rest.map((r) => `- ${line(r)}`).join("\n")}` : head;
}

function errorAnswer(o: ToolOutcome, lang: Lang): string {
  const msg = String(o.data);
  const ambiguous = /matches \d+ (key results|objectives): (.+)\. Use a ref/.exec(msg);
  if (ambiguous) return say(lang, `Which one do you mean: ${ambiguous[2]}? Reply with the ref.`, `Bạn muốn nói KR nào: ${ambiguous[2]}? Hãy trả lời bằng mã.`);
  return say(lang, `That did not work: ${msg}`, `Chưa thực hiện được: ${msg}`);
}

export function composeAnswer(outcomes: ToolOutcome[], userText: string, lang: Lang, draft: Draft | null): string {
  return outcomes.map((o) => (o.ok ? success(o, userText, lang, draft) : errorAnswer(o, lang))).join("\n\n");
}

function success(o: ToolOutcome, userText: string, lang: Lang, draft: Draft | null): string {
  const d = o.data as Record<string, never>;
  switch (o.toolName) {
    case "query_lagging_key_results":
      return laggingAnswer(d as never, userText, lang);
    case "log_check_in": {
      const r = d as unknown as {
        keyResult: Row;
        checkIn: { value: number; confidence: number; date: string };
        confidenceCarriedOver: boolean;
        before: { progress: number; status: string };
        after: { progress: number; expected: number; status: string };
      };
      const color = /\b(red|yellow|amber|green|đỏ|vàng|xanh)\b/i.exec(userText)?.[1];
      const fraction = /(?:^|[^\d.,])(0[.,]\d+)(?![\d%])/.exec(userText)?.[1];
      const readAs =
        fraction && Math.abs(Number(fraction.replace(",", ".")) * 100 - r.checkIn.value) < 1e-9
          ? say(lang, ` (I read ${fraction} as ${r.checkIn.value}%)`, ` (mình hiểu ${fraction} là ${r.checkIn.value}%)`)
          : "";
      const conf = `${say(lang, "confidence", "độ tin cậy")} ${r.checkIn.confidence}/5${color ? say(lang, ` (I read "${color}" as ${r.checkIn.confidence})`, ` (mình hiểu "${color}" là ${r.checkIn.confidence})`) : r.confidenceCarriedOver ? say(lang, " (kept from the last check-in)", " (giữ từ lần trước)") : ""}`;
      return say(
        lang,
        `Logged ${r.checkIn.value}${readAs} on ${r.keyResult.ref} ${r.keyResult.title} for ${r.checkIn.date}, ${conf}. Progress ${pct(r.before.progress)} → ${pct(r.after.progress)} (expected ${pct(r.after.expected)}), ${status(r.before.status, lang)} → ${status(r.after.status, lang)}.`,
        `Đã ghi ${r.checkIn.value}${readAs} cho ${r.keyResult.ref} ${r.keyResult.title} ngày ${r.checkIn.date}, ${conf}. Tiến độ ${pct(r.before.progress)} → ${pct(r.after.progress)} (kỳ vọng ${pct(r.after.expected)}), ${status(r.before.status, lang)} → ${status(r.after.status, lang)}.`,
      );
    }
    case "correct_check_in": {
      const r = d as unknown as {
        action: string;
        keyResult: { ref: string };
        checkIn: { date: string; value: number; confidence: number };
        corrected: { date: string; value: number; confidence: number } | null;
        after: { progress: number; status: string };
      };
      const was = say(
        lang,
        `${r.keyResult.ref}'s check-in of ${r.checkIn.date} (${r.checkIn.value}, confidence ${r.checkIn.confidence}/5)`,
        `lần cập nhật ngày ${r.checkIn.date} của ${r.keyResult.ref} (${r.checkIn.value}, độ tin cậy ${r.checkIn.confidence}/5)`,
      );
      const now = say(
        lang,
        `Progress is now ${pct(r.after.progress)}, ${status(r.after.status, lang)}. The original stays in history.`,
        `Tiến độ hiện là ${pct(r.after.progress)}, ${status(r.after.status, lang)}. Bản gốc vẫn được lưu trong lịch sử.`,
      );
      if (!r.corrected) return `${say(lang, `Retracted ${was}.`, `Đã huỷ ${was}.`)} ${now}`;
      const c = r.corrected;
      return `${say(lang, `Corrected ${was} to ${c.value}, confidence ${c.confidence}/5${c.date !== r.checkIn.date ? `, dated ${c.date}` : ""}.`, `Đã sửa ${was} thành ${c.value}, độ tin cậy ${c.confidence}/5${c.date !== r.checkIn.date ? `, ngày ${c.date}` : ""}.`)} ${now}`;
    }
    case "get_key_result": {
      const k = d as unknown as Row & {
        current: number;
        target: number;
        unit: string;
        progress: number;
        expected: number;
        status: string;
        confidence: number | null;
        lastCheckIn: string | null;
        reason: string;
        forecast: { grade: { score: number; color: string } };
        checkIns: { date: string; value: number; note: string }[];
      };
      const last = k.checkIns.at(-1);
      return say(
        lang,
        `${k.ref} ${k.title}: ${k.current}${k.unit === "%" ? "%" : ` ${k.unit}`} toward ${k.target}, progress ${pct(k.progress)} vs ${pct(k.expected)} expected, ${status(k.status, lang)}, confidence ${k.confidence ?? "-"}/5, last check-in ${k.lastCheckIn ?? "never"}. ${k.reason}. Forecast grade at cycle end: ${k.forecast.grade.score.toFixed(1)} (${k.forecast.grade.color}).${last?.note ? ` Latest note (quoted): "${last.note}"` : ""}`,
        `${k.ref} ${k.title}: ${k.current}${k.unit === "%" ? "%" : ` ${k.unit}`} / mục tiêu ${k.target}, tiến độ ${pct(k.progress)} so với kỳ vọng ${pct(k.expected)}, ${status(k.status, lang)}, độ tin cậy ${k.confidence ?? "-"}/5, lần cập nhật cuối ${k.lastCheckIn ?? "chưa có"}. ${k.reason}. Dự báo cuối kỳ: ${k.forecast.grade.score.toFixed(1)} (${k.forecast.grade.color}).${last?.note ? ` Ghi chú mới nhất (trích): "${last.note}"` : ""}`,
      );
    }
    case "list_okrs": {
      const objectives = (
        d as unknown as { objectives: (Row & { team: string; progress: number; status: string | null; keyResults: (Row & { progress: number; status: string })[] })[] }
      ).objectives;
      if (!objectives.length) return say(lang, "No objectives match.", "Không có mục tiêu nào phù hợp.");
      return objectives
        .map((ob) =>
          [
            `${ob.ref} ${ob.title} (${ob.team}): ${pct(ob.progress)}, ${ob.status ? status(ob.status, lang) : "-"}`,
            ...ob.keyResults.map((k) => `- ${k.ref} ${k.title}: ${pct(k.progress)}, ${status(k.status, lang)}`),
          ].join("\n"),
        )
        .join("\n");
    }
    case "search_okrs": {
      const results = (d as unknown as { results: Row[] }).results;
      return results.length ? results.map((r) => `- ${r.ref} ${r.title}`).join("\n") : say(lang, "Nothing matches.", "Không tìm thấy.");
    }
    case "create_objective": {
      const c = d as unknown as { objective: Row & { team: string; cycle: string }; keyResults: Row[]; findings: { severity: string; message: string }[] };
      const krs = c.keyResults.length ? ` ${say(lang, "with", "với")} ${c.keyResults.map((k) => k.ref).join(", ")}` : "";
      const critic = c.findings.length ? `\n${say(lang, "The critic notes:", "Lưu ý từ bộ kiểm tra:")} ${c.findings.map((f) => `[${f.severity}] ${f.message}`).join(" ")}` : "";
      return (
        say(
          lang,
          `Created ${c.objective.ref} "${c.objective.title}" for ${c.objective.team} (${c.objective.cycle})${krs}.`,
          `Đã tạo ${c.objective.ref} "${c.objective.title}" cho ${c.objective.team} (${c.objective.cycle})${krs}.`,
        ) + critic
      );
    }
    case "add_key_result": {
      const k = (d as unknown as { keyResult: Row & { objectiveRef: string; start: number; target: number; unit: string } }).keyResult;
      return say(
        lang,
        `Added ${k.ref} "${k.title}" to ${k.objectiveRef}: from ${k.start} to ${k.target}${k.unit ? ` ${k.unit}` : ""}.`,
        `Đã thêm ${k.ref} "${k.title}" vào ${k.objectiveRef}: từ ${k.start} đến ${k.target}${k.unit ? ` ${k.unit}` : ""}.`,
      );
    }
    case "critique_objective": {
      const { findings, rewrite } = d as unknown as {
        findings: { severity: string; rule: string; message: string; suggestion?: string }[];
        rewrite: { objective: string; keyResults: { title: string; start: number | null; target: number | null }[] } | null;
      };
      const list = findings.length
        ? findings.map((f) => `- [${f.severity}] ${f.message}${f.suggestion ? ` ${f.suggestion}` : ""}`).join("\n")
        : say(lang, "The critic found no problems.", "Bộ kiểm tra không thấy vấn đề gì.");
      if (draft)
        return `${formatDraft(draft, lang)}\n${say(lang, "Critic:", "Kiểm tra:")}\n${list}\n${say(lang, 'Reply "yes" to create it (or "yes, for <team>"), or tell me what to change.', 'Trả lời "đồng ý" để tạo (hoặc "đồng ý, cho nhóm <tên>"), hoặc cho mình biết cần sửa gì.')}`;
      const better = rewrite
        ? `\n${say(lang, "A rewrite that keeps the intent:", "Cách viết lại giữ nguyên ý:")}\n${say(lang, "Objective", "Mục tiêu")}: ${rewrite.objective}\n${rewrite.keyResults.map((k) => `- KR: ${k.title}${k.start === null ? say(lang, " (baseline to fill in)", " (điền giá trị hiện tại)") : ""}`).join("\n")}`
        : "";
      return findings.length ? `${say(lang, "What I would change:", "Những điểm nên sửa:")}\n${list}${better}` : list;
    }
    case "weekly_summary":
      return (d as unknown as { summary: string }).summary;
    default:
      return JSON.stringify(d);
  }
}
