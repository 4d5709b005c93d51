// The chat panel beside every page: the agent over POST /api/chat with the AI SDK's UI conventions
// (useChat): streamed text, tool calls shown compactly, and a proposed write shown with what it
// would do and Approve / Deny buttons. Nothing is written before Approve; after an approved write
// the page's numbers reload.

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses, type UIMessage } from "ai";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { announceChange, writeHeaders } from "./api";
import { useApp } from "./app";

const WRITE_TOOLS = new Set(["create_objective", "add_key_result", "log_check_in", "correct_check_in", "update_key_result"]);

type Part = UIMessage["parts"][number];
interface ToolPart {
  type: string;
  toolName?: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean; descriptor?: unknown };
}
const isTool = (p: Part): p is Part & ToolPart => p.type === "dynamic-tool" || p.type.startsWith("tool-");
const toolName = (p: ToolPart) => p.toolName ?? p.type.slice("tool-".length);

/** What the server attached to an approval request: the dry run's own words. */
function previewText(descriptor: unknown): string | null {
  const d = descriptor as { text?: unknown; error?: unknown } | undefined;
  if (typeof d?.text === "string") return d.text;
  if (typeof d?.error === "string") return d.error;
  return null;
}

function ToolLine({ part, onAnswer }: { part: ToolPart; onAnswer(id: string, approved: boolean): void }) {
  const { t } = useApp();
  const name = toolName(part);
  if (part.state === "approval-requested" && part.approval) {
    const preview = previewText(part.approval.descriptor);
    return (
      <div className="approval" role="group" aria-label={t.approvalAsk}>
        <p>
          <strong>{t.approvalAsk}</strong> {preview ?? `${name} ${JSON.stringify(part.input)}`}
        </p>
        <button type="button" className="approve" onClick={() => onAnswer(part.approval!.id, true)}>
          {t.approve}
        </button>{" "}
        <button type="button" className="deny" onClick={() => onAnswer(part.approval!.id, false)}>
          {t.deny}
        </button>
      </div>
    );
  }
  if (part.state === "output-denied") return <p className="tool muted small">{t.denied}</p>;
  return (
    <p className="tool muted small" title={JSON.stringify(part.input ?? {})} data-call={part.toolCallId} data-state={part.state}>
      ⚙ {name}
      {part.state === "output-error" ? ` — ${part.errorText}` : ""}
    </p>
  );
}

export function ChatPanel({ onClose }: { onClose(): void }) {
  const { t, meta } = useApp();
  const transport = useMemo(() => new DefaultChatTransport({ api: "/api/chat", headers: () => writeHeaders() }), []);
  const { messages, sendMessage, addToolApprovalResponse, status, error, stop } = useChat({
    transport,
    // An answered approval goes straight back to the server, which runs (or skips) the write.
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
  });
  const [input, setInput] = useState("");
  const end = useRef<HTMLDivElement>(null);
  const written = useRef(new Set<string>());

  // A write that ran (an approved tool call with its output): every page reloads its numbers.
  useEffect(() => {
    for (const m of messages)
      for (const p of m.parts)
        if (isTool(p) && WRITE_TOOLS.has(toolName(p)) && p.state === "output-available" && !written.current.has(p.toolCallId)) {
          written.current.add(p.toolCallId);
          announceChange();
        }
    end.current?.scrollIntoView({ block: "end" });
  }, [messages]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = input.trim();
    if (!text || status === "streaming" || status === "submitted") return;
    sendMessage({ text });
    setInput("");
  };
  const busy = status === "streaming" || status === "submitted";
  // After an approval the continuation brings the call again with its output: show each call once,
  // in its latest state.
  const latest = new Map<string, Part>();
  for (const m of messages) for (const p of m.parts) if (isTool(p)) latest.set(p.toolCallId, p);
  return (
    <aside className="chat" aria-labelledby="chat-h">
      <header className="chat-head">
        <h2 id="chat-h">{t.chat}</h2>
        <button type="button" onClick={onClose} aria-label={t.close}>
          ×
        </button>
      </header>
      {!meta.chat ? (
        <p className="muted">{t.chatOff}</p>
      ) : (
        <>
          <div className="messages" aria-live="polite">
            {messages.map((m) => (
              <div key={m.id} className={`msg msg-${m.role}`} data-role={m.role}>
                {m.parts.map((p, i) =>
                  p.type === "text" ? (
                    <p key={i} className="msg-text">
                      {p.text}
                    </p>
                  ) : isTool(p) && latest.get(p.toolCallId) === p ? (
                    <ToolLine key={i} part={p} onAnswer={(id, approved) => addToolApprovalResponse({ id, approved })} />
                  ) : null,
                )}
              </div>
            ))}
            {error && (
              <p className="error" role="alert">
                {t.chatError}
                {error.message}
              </p>
            )}
            <div ref={end} />
          </div>
          <form className="chat-form" onSubmit={submit}>
            <label className="sr-only" htmlFor="chat-input">
              {t.chat}
            </label>
            <input id="chat-input" value={input} onChange={(e) => setInput(e.target.value)} placeholder={t.chatPlaceholder} autoComplete="off" />
            {busy ? (
              <button type="button" onClick={() => stop()}>
                {t.stop}
              </button>
            ) : (
              <button type="submit">{t.send}</button>
            )}
          </form>
        </>
      )}
    </aside>
  );
}
