// The local model's second step: an answer written only from the tool results it was given.
// Numbers are quoted as the tools returned them; tool errors become questions or plain reports.

import { say, type Lang } from "./lang.js";
import { formatDraft, type Draft } from "./draft.js";
import type { View } from "./reads.js";

const SEVERITY_VI: Record<string, string> = { error: "lỗi", warning: "cảnh báo", info: "lưu ý" };
import { krAnswer, laggingView, notesAnswer, okrsAnswer, type KrDetailData, type LagRow, type ObjectiveData } from "./views-answer.js";

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
const STATUS: Record<string, [string, string]> = {
  completed: ["completed", "đã hoàn thành"],
  on_track: ["on track", "đúng tiến độ"],
  at_risk: ["at risk", "có rủi ro"],
  off_track: ["off track", "chệch hướng"],
};
const status = (s: string, lang: Lang) => STATUS[s]?.[lang === "vi" ? 1 : 0] ?? s;

type Row = Record<string, unknown> & { ref: string; title: string };

/** A failed call, for the person: a choice among the candidates the tool named (as data), or what
 *  to fix, never the raw error. */
function errorAnswer(o: ToolOutcome, lang: Lang): string {
  const e = o.error;
  const list = e?.candidates?.length ? e.candidates.map((c) => `${c.ref} (${c.title})`).join(", ") : null;
  if (e?.code === "ambiguous" && list) return say(lang, `Which one do you mean: ${list}? Reply with the ref.`, `Bạn muốn nói cái nào: ${list}? Hãy trả lời bằng mã.`);
  if (e?.code === "not_found")
    return list
      ? say(lang, `I could not find that. Did you mean one of these: ${list}? Reply with the ref.`, `Mình không tìm thấy. Có phải bạn muốn nói: ${list}? Hãy trả lời bằng mã.`)
      : say(
          lang,
          "I could not find that. Which key result or objective do you mean? Give its ref (e.g. KR2.1) or part of its name.",
          "Mình không tìm thấy. Bạn muốn nói KR hay mục tiêu nào? Cho mình mã (ví dụ KR2.1) hoặc một phần tên.",
        );
  const msg = e?.message ?? String(o.data);
  const ambiguous = /matches \d+ (key results|objectives): (.+)\. Use a ref/.exec(msg);
  if (ambiguous) return say(lang, `Which one do you mean: ${ambiguous[2]}? Reply with the ref.`, `Bạn muốn nói KR nào: ${ambiguous[2]}? Hãy trả lời bằng mã.`);
  return say(lang, `That did not work, and nothing was changed: ${msg}`, `Chưa thực hiện được, và chưa có gì thay đổi: ${msg}`);
}

export function composeAnswer(outcomes: ToolOutcome[], userText: string, lang: Lang, draft: Draft | null, view?: View): string {
  // Several reads of one kind (one per team asked about) make one answer.
  const lagging = outcomes.filter((o) => o.ok && o.toolName === "query_lagging_key_results");
  const lists = outcomes.filter((o) => o.ok && o.toolName === "list_okrs");
  const parts: string[] = [];
  let laggingDone = false,
    listDone = false,
    notesDone = false;
  for (const o of outcomes) {
    if (!o.ok) parts.push(errorAnswer(o, lang));
    else if (o.toolName === "query_lagging_key_results") {
      if (laggingDone) continue;
      laggingDone = true;
      const seen = new Set<string>();
      const rows = lagging
        .flatMap((x) => (x.data as { keyResults: LagRow[] }).keyResults)
        .filter((r) => !seen.has(r.ref) && seen.add(r.ref))
        .sort((a, b) => b.gap - a.gap);
      const teams = lagging.map((x) => x.input.team).filter((t): t is string => typeof t === "string");
      const owner = lagging.map((x) => x.input.owner).find((t): t is string => typeof t === "string");
      const scope = teams.length ? teams.join(say(lang, " and ", " và ")) : (owner ?? null);
      parts.push(laggingView((o.data as { asOf: string }).asOf, rows, view, userText, lang, scope, !teams.length && !!owner));
    } else if (o.toolName === "list_okrs") {
      if (listDone) continue;
      listDone = true;
      parts.push(
        okrsAnswer(
          lists.flatMap((x) => (x.data as { objectives: ObjectiveData[] }).objectives),
          view,
          lang,
        ),
      );
    } else if (o.toolName === "get_key_result" && view?.kind === "notes") {
      if (notesDone) continue;
      notesDone = true;
      parts.push(
        notesAnswer(
          outcomes.filter((x) => x.ok && x.toolName === "get_key_result").map((x) => x.data as KrDetailData),
          view.date,
          lang,
        ),
      );
    } else if (o.toolName === "get_key_result") parts.push(krAnswer(o.data as KrDetailData, view, lang));
    else if (o.toolName === "search_okrs" && o.ok && view?.kind === "guess") {
      // Our own search for a report that named no KR: the matches are a question, never an answer.
      const results = (o.data as { results: { ref: string; title: string }[] }).results;
      parts.push(
        results.length
          ? `${say(lang, "Which key result is this about? It names none I know; the closest:", "Tin này nói về KR nào? Mình không thấy KR nào được nêu tên; gần nhất là:")}\n${results
              .slice(0, 5)
              .map((r) => `- ${r.ref} ${r.title}`)
              .join("\n")}\n${say(lang, "Reply with the ref. I changed nothing.", "Hãy trả lời bằng mã. Mình chưa thay đổi gì.")}`
          : success(o, userText, lang, draft),
      );
    } else if (o.toolName === "critique_objective" && view?.kind === "critique")
      parts.push(`${view.ref} ${view.title}${view.keyResults.length ? ` (${view.keyResults.join(", ")})` : ""}:\n${success(o, userText, lang, draft)}`);
    else if (o.toolName === "critique_objective" && o.ok && !draft && typeof o.input.title === "string")
      // A pasted draft: say which objective the findings are about.
      parts.push(`"${o.input.title}":\n${success(o, userText, lang, draft)}`);
    else parts.push(success(o, userText, lang, draft));
  }
  return [...(view?.lead ? [view.lead] : []), ...parts].join("\n\n");
}

function success(o: ToolOutcome, userText: string, lang: Lang, draft: Draft | null): string {
  const d = o.data as Record<string, never>;
  switch (o.toolName) {
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
    case "update_key_result": {
      const u = d as unknown as { keyResult: Row & { target: number; owner: string }; changed: string[] };
      const k = u.keyResult;
      if (!u.changed.length) return say(lang, `${k.ref} already looks like that; nothing changed.`, `${k.ref} đã như vậy rồi; không có gì thay đổi.`);
      const NAMES: Record<string, [string, string]> = {
        title: ["title", "tên"],
        target: ["target", "chỉ tiêu"],
        owner: ["owner", "người phụ trách"],
        due: ["due date", "hạn"],
        startDate: ["start date", "ngày bắt đầu"],
      };
      const what = u.changed.map((f) => say(lang, NAMES[f]?.[0] ?? f, NAMES[f]?.[1] ?? f)).join(", ");
      return say(
        lang,
        `Updated ${k.ref} (${what}): ${k.title}, target ${k.target}, owner ${k.owner || "none"}. The earlier version stays in history; check-ins are unchanged.`,
        `Đã cập nhật ${k.ref} (${what}): ${k.title}, chỉ tiêu ${k.target}, người phụ trách ${k.owner || "chưa có"}. Phiên bản trước vẫn được lưu; các lần cập nhật tiến độ không đổi.`,
      );
    }
    case "search_okrs": {
      const results = (d as unknown as { results: Row[] }).results;
      const q = typeof o.input.query === "string" ? o.input.query : "";
      return results.length
        ? results.map((r) => `- ${r.ref} ${r.title}`).join("\n")
        : say(
            lang,
            `No objective or key result mentions "${q}", so I changed nothing. Name the key result by its ref (e.g. KR2.1) or the words of its title.`,
            `Không có mục tiêu hay KR nào nhắc tới "${q}", nên mình chưa thay đổi gì. Hãy gọi KR bằng mã (ví dụ KR2.1) hoặc các từ trong tên của nó.`,
          );
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
        rewrite: { candidates: string[]; keyResults: { title: string; start: number | null; target: number | null; kind?: string }[] } | null;
      };
      const list = findings.length
        ? findings.map((f) => `- [${lang === "vi" ? (SEVERITY_VI[f.severity] ?? f.severity) : f.severity}] ${f.message}${f.suggestion ? ` ${f.suggestion}` : ""}`).join("\n")
        : say(lang, "The critic found no problems.", "Bộ kiểm tra không thấy vấn đề gì.");
      if (draft)
        return `${formatDraft(draft, lang)}\n${say(lang, "Critic:", "Kiểm tra:")}\n${list}\n${say(lang, 'Reply "yes" to create it (or "yes, for <team>"), or tell me what to change.', 'Trả lời "đồng ý" để tạo (hoặc "đồng ý, cho nhóm <tên>"), hoặc cho mình biết cần sửa gì.')}`;
      const better = rewrite
        ? `\n${say(lang, "Rewrites that keep the intent, best first:", "Cách viết lại giữ nguyên ý, tốt nhất trước:")}\n${rewrite.candidates.map((c, i) => `${i + 1}. ${c}`).join("\n")}\n${rewrite.keyResults
            .map(
              (k) =>
                `- KR: ${k.title}${k.kind === "milestone" ? say(lang, " (milestone)", " (cột mốc)") : k.start === null ? say(lang, " (baseline to fill in)", " (điền giá trị hiện tại)") : ""}`,
            )
            .join("\n")}`
        : "";
      return findings.length ? `${say(lang, "What I would change:", "Những điểm nên sửa:")}\n${list}${better}` : list;
    }
    case "weekly_summary":
      return (d as unknown as { summary: string }).summary;
    default:
      return JSON.stringify(d);
  }
}
