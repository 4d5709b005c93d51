// A key result: numbers, the burn-up chart, the check-in form, the edit form and the history.
// Both forms go through the tools (log_check_in, update_key_result): their messages, inline.

import { useEffect, useRef, useState, type FormEvent } from "react";
import { announceChange, callTool, type KrDetail } from "../api";
import { Flags, Link, Loading, ProgressBar, StatusBadge, useApp, useJson, withUnit } from "../app";
import { pct } from "../format";
import { drawBurnUp } from "../chart";

function Chart({ kr }: { kr: KrDetail }) {
  const { t } = useApp();
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    return drawBurnUp(el.current, kr, { checkIns: t.chartCheckIns, pace: t.chartPace, forecast: t.chartForecast, confidence: t.confidence });
  }, [kr, t]);
  const n = kr.checkIns.filter((c) => c.date <= kr.window.end).length;
  return (
    <figure className="chart" aria-label={t.chartLabel(n, kr.window.start, kr.window.end)} role="img">
      <div ref={el} className="chart-canvas" data-points={n} />
    </figure>
  );
}

/** Runs a write tool; shows its message under the form, and tells every page on success. */
function useWrite() {
  const [state, setState] = useState<{ busy: boolean; error: string | null; done: string | null }>({ busy: false, error: null, done: null });
  const run = async (tool: string, args: Record<string, unknown>) => {
    setState({ busy: true, error: null, done: null });
    try {
      const r = await callTool(tool, args);
      setState({ busy: false, error: null, done: r.text });
      announceChange();
      return true;
    } catch (e) {
      setState({ busy: false, error: (e as Error).message, done: null });
      return false;
    }
  };
  return { ...state, run };
}

function CheckInForm({ kr }: { kr: KrDetail }) {
  const { t, meta } = useApp();
  const w = useWrite();
  const [value, setValue] = useState("");
  const [confidence, setConfidence] = useState("");
  const [note, setNote] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The value goes as typed: the tool reads "53,4", "1.2M" or "54%" the way the CLI does, and
    // refuses what it cannot read with its own message.
    const ok = await w.run("log_check_in", {
      keyResult: kr.ref,
      value: value.trim(),
      ...(confidence ? { confidence: Number(confidence) } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (ok) {
      setValue("");
      setNote("");
    }
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="checkin-h">
      <h2 id="checkin-h">{t.logCheckIn}</h2>
      <div className="fields">
        <label>
          {t.value} ({kr.unit || "–"})
          <input
            name="value"
            required
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            disabled={meta.readOnly}
            aria-invalid={Boolean(w.error)}
            aria-describedby="checkin-msg"
          />
        </label>
        <label>
          {t.confidence}
          <select name="confidence" value={confidence} onChange={(e) => setConfidence(e.target.value)} disabled={meta.readOnly}>
            <option value="">{kr.confidence !== null ? `${kr.confidence}/5` : "–"}</option>
            {[1, 2, 3, 4, 5].map((c) => (
              <option key={c} value={c}>
                {c}/5
              </option>
            ))}
          </select>
        </label>
        <label className="wide">
          {t.note}
          <input name="note" value={note} onChange={(e) => setNote(e.target.value)} disabled={meta.readOnly} maxLength={2000} />
        </label>
      </div>
      <button type="submit" disabled={w.busy || meta.readOnly}>
        {w.busy ? t.saving : t.logButton}
      </button>
      <p id="checkin-msg" className={w.error ? "error" : "ok"} role={w.error ? "alert" : "status"}>
        {w.error ?? w.done ?? ""}
      </p>
    </form>
  );
}

function EditForm({ kr }: { kr: KrDetail }) {
  const { t, meta } = useApp();
  const w = useWrite();
  const [title, setTitle] = useState(kr.title);
  const [target, setTarget] = useState(String(kr.target));
  const [owner, setOwner] = useState(kr.owner);
  const [local, setLocal] = useState<string | null>(null);
  // After a save (or a write elsewhere) the fields show what is stored; the message stays.
  useEffect(() => {
    setTitle(kr.title);
    setTarget(String(kr.target));
    setOwner(kr.owner);
  }, [kr.title, kr.target, kr.owner]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changes: Record<string, unknown> = {};
    if (title.trim() !== kr.title) changes.title = title.trim();
    if (target.trim() !== String(kr.target)) changes.target = target.trim();
    if (owner.trim() !== kr.owner) changes.owner = owner.trim();
    if (Object.keys(changes).length === 0) return setLocal(t.nothingChanged);
    setLocal(null);
    await w.run("update_key_result", { keyResult: kr.ref, ...changes });
  };
  const error = local ?? w.error;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="edit-h">
      <h2 id="edit-h">{t.editKr}</h2>
      <div className="fields">
        <label className="wide">
          {t.title}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} disabled={meta.readOnly} />
        </label>
        <label>
          {t.target} ({kr.unit || "–"})
          <input name="target" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} disabled={meta.readOnly} />
        </label>
        <label>
          {t.owner}
          <input name="owner" value={owner} onChange={(e) => setOwner(e.target.value)} disabled={meta.readOnly} />
        </label>
      </div>
      <button type="submit" disabled={w.busy || meta.readOnly}>
        {w.busy ? t.saving : t.saveChanges}
      </button>
      <p className={error ? "error" : "ok"} role={error ? "alert" : "status"}>
        {error ?? w.done ?? ""}
      </p>
    </form>
  );
}

export function KeyResultPage({ refText }: { refText: string }) {
  const { t, lang, asOf, meta } = useApp();
  const load = useJson<KrDetail>(`/api/key-results/${encodeURIComponent(refText)}`, { asOf });
  return (
    <div className="kr-page">
      <p>
        <Link to="/">← {t.back}</Link>
      </p>
      <Loading load={load}>
        {(kr) => (
          <>
            <header className="kr-head">
              <h1>
                <span className="ref">{kr.ref}</span> {kr.title}
              </h1>
              <p className="muted">
                {t.objective} <span className="ref">{kr.objectiveRef}</span> {kr.objectiveTitle} · {kr.team} · {kr.owner} · {kr.cycle}
              </p>
              <div className="row">
                <ProgressBar progress={kr.progress} expected={kr.expected} label={`${kr.ref} ${t.progress}`} />
                <span className="num">{pct(kr.progress)}</span>
                <StatusBadge status={kr.status} />
                <Flags stale={kr.stale} mismatch={kr.confidenceMismatch} />
              </div>
              <dl className="stats">
                <div>
                  <dt>{t.current}</dt>
                  <dd data-testid="current">{withUnit(kr.current, kr.unit, lang)}</dd>
                </div>
                <div>
                  <dt>{t.start}</dt>
                  <dd>{withUnit(kr.start, kr.unit, lang)}</dd>
                </div>
                <div>
                  <dt>{t.target}</dt>
                  <dd>{withUnit(kr.target, kr.unit, lang)}</dd>
                </div>
                <div>
                  <dt>{t.expected}</dt>
                  <dd>{pct(kr.expected)}</dd>
                </div>
                <div>
                  <dt>{t.confidence}</dt>
                  <dd>{kr.confidence !== null ? `${kr.confidence}/5` : "–"}</dd>
                </div>
                <div>
                  <dt>{t.forecast}</dt>
                  <dd>
                    {withUnit(kr.forecast.projectedValue, kr.unit, lang)} ({t.grade} {kr.forecast.grade.score.toFixed(1)})
                  </dd>
                </div>
              </dl>
              <p className="muted small">{kr.reason}</p>
            </header>
            <section aria-labelledby="chart-h">
              <h2 id="chart-h">{t.chartTitle}</h2>
              <Chart kr={kr} />
            </section>
            {meta.readOnly ? (
              <p className="muted">{t.readOnly}</p>
            ) : (
              <div className="forms">
                <CheckInForm kr={kr} />
                <EditForm key={kr.ref} kr={kr} />
              </div>
            )}
            <section aria-labelledby="history-h">
              <h2 id="history-h">{t.history}</h2>
              {kr.checkIns.length === 0 ? (
                <p className="muted">{t.noCheckIns}</p>
              ) : (
                <table className="history">
                  <thead>
                    <tr>
                      <th scope="col">{t.date}</th>
                      <th scope="col">{t.value}</th>
                      <th scope="col">{t.confidence}</th>
                      <th scope="col">{t.note}</th>
                      <th scope="col">{t.author}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...kr.checkIns].reverse().map((c, i) => (
                      <tr key={`${c.date}-${i}`}>
                        <td>{c.date}</td>
                        <td className="num">{withUnit(c.value, kr.unit, lang)}</td>
                        <td>{c.confidence}/5</td>
                        <td>{c.note}</td>
                        <td>{c.author}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          </>
        )}
      </Loading>
    </div>
  );
}
