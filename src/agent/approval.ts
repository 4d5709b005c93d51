// Writes the model proposes and the person approves: the pending approvals of a run as data, each
// with a dry-run preview of what it would write and change, and the messages that answer them.
// The approval itself is the AI SDK's (needsApproval on every write tool, see mcp-tools.ts).

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ModelMessage } from "ai";
import { statusText } from "../domain/wording.js";
import type { Status } from "../domain/types.js";
import { detectLang, say, type Lang } from "./local/lang.js";
import { foldText } from "../domain/resolve.js";
import type { AgentTools } from "./mcp-tools.js";

export type { Lang } from "./local/lang.js";

/** The language of the person's last message: previews and prompts answer in it. */
export function langOf(messages: readonly ModelMessage[]): Lang {
  const last = [...messages].reverse().find((m) => m.role === "user");
  const text = !last ? "" : typeof last.content === "string" ? last.content : last.content.map((p) => (p.type === "text" ? p.text : "")).join(" ");
  return detectLang(text, foldText(text));
}

export interface WritePreview {
  /** The dry run's structured result: what the write would return (the same shape). */
  result: Record<string, unknown> | null;
  /** The error the write would give, when its dry run failed. */
  error: string | null;
  /** For a person: what would be written and what it changes, on one line. */
  text: string;
  /** The language `text` is in: the person's. */
  lang: Lang;
}

/** A write the model proposed that waits for the person's yes or no. */
export interface PendingWrite {
  approvalId: string;
  toolCallId: string;
  toolName: string;
  input: Record<string, unknown>;
  preview: WritePreview;
}

/** The approval requests among a step's content parts (generateText's or streamText's `content`). */
export async function pendingWrites(content: readonly { type: string }[], tools: AgentTools, lang: Lang = "en"): Promise<PendingWrite[]> {
  const requests = content.filter((p): p is ApprovalRequestPart => p.type === "tool-approval-request");
  return Promise.all(
    requests.map(async ({ approvalId, toolCall }) => {
      const input = (toolCall.input ?? {}) as Record<string, unknown>;
      return {
        approvalId,
        toolCallId: toolCall.toolCallId,
        toolName: toolCall.toolName,
        input,
        preview: await previewWrite(tools, toolCall.toolCallId, toolCall.toolName, input, lang),
      };
    }),
  );
}

interface ApprovalRequestPart {
  type: "tool-approval-request";
  approvalId: string;
  toolCall: { toolCallId: string; toolName: string; input: unknown };
}

/** Yes to a proposed write: y, yes, có, ok, đồng ý (with or without accents). Anything else is no. */
export function isYes(answer: string): boolean {
  const a = answer
    .trim()
    .toLowerCase()
    .normalize("NFC")
    .replace(/[.!\s]+$/u, "");
  return /^(y|yes|ok|okay|có|co|đồng ý|dong y)$/u.test(a);
}

/** The person's yes to these writes: the next run executes them (the SDK checks and runs them). */
export function approvalMessage(pending: readonly Pick<PendingWrite, "approvalId">[]): ModelMessage {
  return { role: "tool", content: pending.map((p) => ({ type: "tool-approval-response" as const, approvalId: p.approvalId, approved: true })) };
}

export const NOT_WRITTEN = "Not approved: nothing was written.";
export const notWritten = (lang: Lang) => say(lang, NOT_WRITTEN, "Chưa được duyệt: chưa ghi gì.");

/** The heading over proposed writes, and what confirms them. */
export function proposalHead(count: number, lang: Lang): string {
  return count === 1
    ? say(lang, "Proposed write (nothing written yet):", "Đề xuất ghi (chưa ghi gì):")
    : say(lang, `Proposed writes (${count}, nothing written yet):`, `Đề xuất ghi (${count} mục, chưa ghi gì):`);
}

/** The person's no: the answers and the "not run" results together, so the conversation can go on
 *  without another model call, and a model later reads that these calls did not happen. */
export function declineMessage(pending: readonly Pick<PendingWrite, "approvalId" | "toolCallId" | "toolName">[], reason = NOT_WRITTEN): ModelMessage {
  return {
    role: "tool",
    content: [
      ...pending.map((p) => ({ type: "tool-approval-response" as const, approvalId: p.approvalId, approved: false, reason })),
      ...pending.map((p) => ({ type: "tool-result" as const, toolCallId: p.toolCallId, toolName: p.toolName, output: { type: "execution-denied" as const, reason } })),
    ],
  };
}

/** The conversation with every write that was never answered (the person wrote something else
 *  instead) declined, right after the message that proposed it: moving on is a no, and a model
 *  cannot be called while a tool call has no result. */
export function declineUnanswered(messages: ModelMessage[]): ModelMessage[] {
  const answered = new Set<string>();
  for (const m of messages)
    if (m.role === "tool") for (const p of m.content) answered.add(p.type === "tool-approval-response" ? p.approvalId : p.type === "tool-result" ? p.toolCallId : "");
  if (messages.at(-1)?.role !== "user") return messages;
  const out: ModelMessage[] = [];
  let open: Pick<PendingWrite, "approvalId" | "toolCallId" | "toolName">[] = [];
  const flush = () => {
    if (open.length) out.push(declineMessage(open, "Not approved (the person went on to something else): nothing was written."));
    open = [];
  };
  for (const m of messages) {
    if (m.role !== "tool") flush();
    out.push(m);
    if (m.role !== "assistant" || typeof m.content === "string") continue;
    const names = new Map(m.content.flatMap((p) => (p.type === "tool-call" ? [[p.toolCallId, p.toolName] as const] : [])));
    for (const p of m.content)
      if (p.type === "tool-approval-request" && !answered.has(p.approvalId) && !answered.has(p.toolCallId))
        open.push({ approvalId: p.approvalId, toolCallId: p.toolCallId, toolName: names.get(p.toolCallId) ?? "" });
  }
  return out;
}

// --- What a write would do, for a person -----------------------------------------------------

type Row = Record<string, unknown>;
const pct = (x: unknown) => `${Math.round(Number(x) * 100)}%`;
const STATUS_VI: Record<string, string> = { completed: "đã hoàn thành", on_track: "đúng tiến độ", at_risk: "có rủi ro", off_track: "chệch hướng" };

const quote = (s: unknown) => `"${String(s)}"`;
const withUnit = (v: unknown, unit: unknown) => `${v}${unit === "%" ? "%" : unit ? ` ${unit}` : ""}`;

/** The dry run of a proposed write and, where it needs them, the KR's numbers as they are now. */
export async function previewWrite(tools: AgentTools, toolCallId: string, toolName: string, input: Record<string, unknown>, lang: Lang = "en"): Promise<WritePreview> {
  const dry = await tools.preview(toolCallId, toolName, input);
  const generic = `${toolName} ${JSON.stringify(input)}`;
  if (!dry) return { result: null, error: null, text: generic, lang };
  if (dry.isError) {
    const error = textOf(dry);
    return { result: null, error, text: `${generic}: ${say(lang, "it would fail", "sẽ không thành công")}: ${error}`, lang };
  }
  const result = (dry.structuredContent ?? null) as Row | null;
  if (!result) return { result, error: null, text: `${generic}: ${textOf(dry)}`, lang };
  const describe = describers(lang)[toolName];
  const text = describe ? await describe(result, input, (ref) => keyResultNow(tools, ref)).catch(() => null) : null;
  return { result, error: null, text: text ?? textOf(dry), lang };
}

function textOf(r: CallToolResult): string {
  return r.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** What a write's preview resolved (the KR a name fragment matched, the check-in "my last one"
 *  meant), as arguments that make the approved call write exactly that, whatever the same words
 *  would resolve to by the time the person approves. */
export function pinnedTargets(toolName: string, result: Row | null): Record<string, unknown> {
  const r = result as { keyResult?: { ref?: string; objectiveRef?: string }; checkIn?: { id?: string } } | null;
  const ref = r?.keyResult?.ref;
  if (!r || !ref) return {};
  if (toolName === "log_check_in" || toolName === "update_key_result") return { keyResult: ref };
  if (toolName === "correct_check_in") return r.checkIn?.id ? { keyResult: ref, checkInId: r.checkIn.id } : { keyResult: ref };
  if (toolName === "add_key_result" && r.keyResult?.objectiveRef) return { objective: r.keyResult.objectiveRef };
  return {};
}

/** A KR as it stands (title, unit, current value, target, owner, progress, status), read-only. */
async function keyResultNow(tools: AgentTools, ref: string): Promise<Row> {
  const r = await tools.call("get_key_result", { keyResult: ref });
  if (r.isError || !r.structuredContent) throw new Error(textOf(r));
  return r.structuredContent;
}

type Describe = (result: Row, input: Row, kr: (ref: string) => Promise<Row>) => Promise<string>;

/** The preview wording in the person's language. */
function describers(lang: Lang): Record<string, Describe> {
  const t = (en: string, vi: string) => say(lang, en, vi);
  const status = (s: unknown) => (lang === "vi" ? (STATUS_VI[String(s)] ?? String(s)) : statusText(s as Status));
  return {
    // KR2.1 Raise 30-day retention: 53.4% → 54.1%, confidence 4/5, 2026-11-26, note "…"; progress 56% → 61%, on track → on track
    async log_check_in(r, input, kr) {
      const k = r.keyResult as Row;
      const c = r.checkIn as Row;
      const now = await kr(String(k.ref));
      const before = r.before as Row;
      const after = r.after as Row;
      const note = typeof input.note === "string" && input.note.trim() ? `, ${t("note", "ghi chú")} ${quote(input.note.trim())}` : "";
      return (
        `${k.ref} ${k.title}: ${withUnit(now.current, now.unit)} → ${withUnit(c.value, now.unit)}, ${t("confidence", "độ tin cậy")} ${c.confidence}/5` +
        `${r.confidenceCarriedOver ? t(" (kept from the last check-in)", " (giữ từ lần trước)") : ""}, ${c.date}${note}; ` +
        `${t("progress", "tiến độ")} ${pct(before.progress)} → ${pct(after.progress)}, ${status(before.status)} → ${status(after.status)}`
      );
    },
    // KR2.1 Raise 30-day retention: the check-in of 2026-11-26 (53.4%, confidence 4/5) → 53.1%, confidence 4/5; progress 56% → 54%, …
    async correct_check_in(r, input, kr) {
      const ref = String((r.keyResult as Row).ref);
      const now = await kr(ref);
      const was = r.checkIn as Row;
      const to = r.corrected as Row | null;
      const after = r.after as Row;
      const note = to && typeof input.note === "string" ? `, ${t("note", "ghi chú")} ${quote(input.note.trim())}` : "";
      const change = to
        ? `${withUnit(to.value, now.unit)}, ${t("confidence", "độ tin cậy")} ${to.confidence}/5${to.date !== was.date ? `, ${t("dated", "ngày")} ${to.date}` : ""}${note}`
        : t("retracted (it stays in history)", "huỷ (vẫn lưu trong lịch sử)");
      return (
        `${ref} ${now.title}: ${t("the check-in of", "lần cập nhật ngày")} ${was.date} (${withUnit(was.value, now.unit)}, ${t("confidence", "độ tin cậy")} ${was.confidence}/5) → ${change}; ` +
        `${t("progress", "tiến độ")} ${pct(now.progress)} → ${pct(after.progress)}, ${status(now.status)} → ${status(after.status)}`
      );
    },
    // KR6.1 Cut first reply time: target 2 → 1.5, owner "Grace Okafor" → "Minh Tran"
    async update_key_result(r, input, kr) {
      const next = r.keyResult as Row;
      const changed = r.changed as string[];
      const old = await kr(String(next.ref));
      if (changed.length === 0) return `${next.ref} ${old.title} ${t("already looks like that: nothing would change", "đã như vậy rồi: sẽ không có gì thay đổi")}`;
      const none = t("none", "chưa có");
      const parts = changed.map((f) => {
        if (f === "title") return `${t("title", "tên")} ${quote(old.title)} → ${quote(next.title)}`;
        if (f === "target") return `${t("target", "chỉ tiêu")} ${withUnit(old.target, old.unit)} → ${withUnit(next.target, old.unit)}`;
        if (f === "owner") return `${t("owner", "người phụ trách")} ${quote(old.owner || none)} → ${quote(next.owner || none)}`;
        if (f === "due") return `${t("due", "hạn")} ${old.due ?? t("cycle end", "cuối chu kỳ")} → ${input.due ?? t("cycle end", "cuối chu kỳ")}`;
        if (f === "startDate") return `${t("pace starts", "tiến độ tính từ")} ${input.startDate ?? t("at the cycle start", "đầu chu kỳ")}`;
        return f;
      });
      return `${next.ref} ${old.title}: ${parts.join(", ")}`;
    },
    // New objective O10 "Make support feel instant" (Customer Success, 2026-Q4), owner Grace Okafor, under O1; key results: KR10.1 …
    async create_objective(r, input) {
      const o = r.objective as Row;
      const krs = (r.keyResults as Row[]) ?? [];
      const findings = ((r.findings as Row[]) ?? []).filter((f) => f.severity !== "info");
      return (
        `${t("New objective", "Mục tiêu mới")} ${o.ref} ${quote(o.title)} (${o.team}, ${o.cycle}), ${input.owner ? `${t("owner", "người phụ trách")} ${input.owner}` : t("no owner", "chưa có người phụ trách")}, ${o.parentRef ? `${t("under", "thuộc")} ${o.parentRef}` : t("no parent", "không có mục tiêu cha")}; ` +
        (krs.length ? `${t("key results", "các KR")}: ${krs.map((k) => `${k.ref} ${k.title}`).join("; ")}` : t("no key results yet", "chưa có KR")) +
        (findings.length ? `; ${t("critic", "kiểm tra")}: ${findings.map((f) => `[${f.severity}] ${f.message}`).join(" ")}` : "")
      );
    },
    // New key result KR6.3 "Cut first reply time" on O6: increase from 8 to 2 hours, owner Grace Okafor
    async add_key_result(r, input) {
      const k = r.keyResult as Row;
      return `${t("New key result", "KR mới")} ${k.ref} ${quote(k.title)} ${t("on", "cho")} ${k.objectiveRef}: ${t(`${k.direction} from`, "từ")} ${withUnit(k.start, k.unit)} ${t("to", "đến")} ${withUnit(k.target, k.unit)}, ${input.owner ? `${t("owner", "người phụ trách")} ${input.owner}` : t("no owner", "chưa có người phụ trách")}`;
    },
  };
}
