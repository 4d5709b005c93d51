// Drafting an objective: the critic runs as you type (critique_objective), each finding marked on
// its span of the title, the suggested rewrites one click away; the key-result lines are read and
// shown as they will be stored; "Create" runs create_objective with exactly that.

import { useEffect, useState, type FormEvent } from "react";
import { announceChange, callTool, writeHeaders } from "../api";
import { Link, useApp } from "../app";

interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  span?: { start: number; end: number; text: string };
  keyResult?: number;
  suggestion?: string;
}
interface Critique {
  findings: Finding[];
  rewrite: { objective: string; candidates: string[] } | null;
}
interface DraftKr {
  title: string;
  kind: "metric" | "milestone";
  start?: number;
  target?: number;
  unit?: string;
}

/** The title with each finding's span marked. */
function Marked({ title, findings }: { title: string; findings: Finding[] }) {
  const spans = findings
    .filter((f) => f.keyResult === undefined && f.span && f.span.end > f.span.start && f.span.end <= title.length)
    .map((f) => ({ ...f.span!, severity: f.severity, message: f.message }))
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping spans: the first one wins
    if (s.start > at) parts.push(title.slice(at, s.start));
    parts.push(
      <mark key={s.start} className={`finding-${s.severity}`} title={s.message}>
        {title.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  parts.push(title.slice(at));
  return (
    <p className="marked" aria-label="Title with findings marked">
      {parts}
    </p>
  );
}

export function DraftPage() {
  const { t, meta } = useApp();
  const [title, setTitle] = useState("");
  const [team, setTeam] = useState(meta.teams[0] ?? "");
  const [lines, setLines] = useState("");
  const [critique, setCritique] = useState<Critique | null>(null);
  const [krs, setKrs] = useState<DraftKr[]>([]);
  const [message, setMessage] = useState<{ error: boolean; text: string; ref?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const krLines = lines
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

  // Critic and key-result reading, a moment after typing stops.
  useEffect(() => {
    if (!title.trim()) {
      setCritique(null);
      return;
    }
    const timer = setTimeout(async () => {
      try {
        const read = await fetch("/api/draft/key-results", { method: "POST", headers: writeHeaders(), body: JSON.stringify({ lines: krLines.slice(0, 10) }) });
        const parsed = read.ok ? ((await read.json()) as { keyResults: DraftKr[] }).keyResults : [];
        setKrs(parsed);
        const r = await callTool<Critique>("critique_objective", {
          title: title.trim(),
          ...(team ? { team } : {}),
          keyResults: parsed.map((k) => ({ title: k.title, kind: k.kind, ...(k.start !== undefined ? { start: k.start, target: k.target } : {}) })),
        });
        setCritique(r.data);
      } catch (e) {
        setCritique({ findings: [{ rule: "error", severity: "error", message: (e as Error).message }], rewrite: null });
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [title, team, lines]); // krLines is derived from lines

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const r = await callTool<{ objective: { ref: string } }>("create_objective", {
        title: title.trim(),
        team,
        keyResults: krs.map((k) =>
          k.kind === "metric" ? { title: k.title, start: k.start, target: k.target, ...(k.unit ? { unit: k.unit } : {}) } : { title: k.title, kind: "milestone" },
        ),
      });
      setMessage({ error: false, text: t.created(r.data.objective.ref), ref: r.data.objective.ref });
      announceChange();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const candidates = critique?.rewrite ? [...new Set([critique.rewrite.objective, ...critique.rewrite.candidates])] : [];
  return (
    <div className="draft-page">
      <h1>{t.draftTitle}</h1>
      <p className="muted">{t.draftHint}</p>
      <form className="panel form" onSubmit={submit}>
        <label className="wide">
          {t.objectiveTitle}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        </label>
        <label>
          {t.team}
          <select name="team" value={team} onChange={(e) => setTeam(e.target.value)}>
            {meta.teams.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t.krLines}
          <textarea name="keyResults" rows={4} value={lines} onChange={(e) => setLines(e.target.value)} />
        </label>
        {krs.length > 0 && (
          <ul className="kr-preview" aria-label="Key results as they will be stored">
            {krs.map((k, i) => (
              <li key={i}>
                {k.title} — {k.kind === "metric" ? `${k.start} → ${k.target}${k.unit ? ` ${k.unit}` : ""}` : "milestone (0 → 1)"}
              </li>
            ))}
          </ul>
        )}
        {critique && (
          <section className="critique" aria-labelledby="findings-h" aria-live="polite">
            <h2 id="findings-h">{t.findings}</h2>
            <Marked title={title} findings={critique.findings} />
            {critique.findings.length === 0 ? (
              <p className="ok">{t.noFindings}</p>
            ) : (
              <ul className="findings">
                {critique.findings.map((f, i) => (
                  <li key={i} className={`finding finding-${f.severity}`} data-rule={f.rule}>
                    {f.message}
                  </li>
                ))}
              </ul>
            )}
            {candidates.length > 0 && (
              <>
                <h3>{t.suggested}</h3>
                <ul className="rewrites">
                  {candidates.map((c) => (
                    <li key={c}>
                      {c}{" "}
                      <button type="button" onClick={() => setTitle(c)}>
                        {t.useRewrite}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
        <button type="submit" disabled={busy || meta.readOnly || !title.trim() || !team}>
          {busy ? t.saving : t.create}
        </button>
        {message && (
          <p className={message.error ? "error" : "ok"} role={message.error ? "alert" : "status"}>
            {message.text} {message.ref && <Link to="/">{t.navOverview}</Link>}
          </p>
        )}
      </form>
    </div>
  );
}
