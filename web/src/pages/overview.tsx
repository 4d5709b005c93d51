// Overview: the cycle's objectives as the alignment tree (company → team), each with its KRs'
// progress against pace, badges, filters, and the "most behind this week" panel. Paged by the
// server (40 objectives a page), so a 40,000-KR workspace never draws 40,000 rows.

import { useState } from "react";
import type { Overview } from "../api";
import { Flags, Link, Loading, ProgressBar, StatusBadge, krPath, useApp, useJson } from "../app";
import { pct } from "../format";
import { statusLabel, type Status } from "../i18n";

const STATUSES: Status[] = ["off_track", "at_risk", "on_track", "completed"];

export function OverviewPage() {
  const { t, meta, asOf } = useApp();
  const [team, setTeam] = useState("");
  const [owner, setOwner] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(1);
  const load = useJson<Overview>("/api/overview", { asOf, team, owner, status, page: String(page) });
  const filter = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setPage(1);
  };
  return (
    <div className="overview">
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t.team}
          <select value={team} onChange={filter(setTeam)}>
            <option value="">{t.all}</option>
            {meta.teams.map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label>
          {t.owner}
          {meta.ownerCount <= meta.owners.length ? (
            <select value={owner} onChange={filter(setOwner)}>
              <option value="">{t.all}</option>
              {meta.owners.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          ) : (
            // Too many people for a list: type the name (applied on Enter or leaving the field).
            <input
              type="search"
              defaultValue={owner}
              placeholder={t.all}
              onKeyDown={(e) => e.key === "Enter" && filter(setOwner)({ target: { value: e.currentTarget.value.trim() } })}
              onBlur={(e) => filter(setOwner)({ target: { value: e.target.value.trim() } })}
            />
          )}
        </label>
        <label>
          {t.status}
          <select value={status} onChange={filter(setStatus)}>
            <option value="">{t.all}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Loading load={load}>
        {(o) => (
          <div className="overview-grid">
            <section className="panel behind" aria-labelledby="behind-h">
              <h2 id="behind-h">{t.mostBehind}</h2>
              {o.lagging.length === 0 ? (
                <p className="muted">{t.nothingBehind}</p>
              ) : (
                <ol className="behind-list">
                  {o.lagging.map((k) => (
                    <li key={k.ref} data-ref={k.ref}>
                      <Link to={krPath(k.ref)}>
                        <strong>{k.ref}</strong> {k.title}
                      </Link>
                      <div className="muted small">
                        {k.owner} · {k.gap > 0 ? t.behindBy(Math.round(k.gap * 100)) : statusLabel(t, k.status)} · {pct(k.progress)} / {pct(k.expected)}
                        {k.confidence !== null ? ` · ${t.confidence} ${k.confidence}/5` : ""}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="tree" aria-labelledby="tree-h">
              <h2 id="tree-h">
                {t.objectives(o.totals.objectives)} · {t.keyResults(o.totals.keyResults)}
              </h2>
              <p className="totals">
                {STATUSES.map((s) => (
                  <span key={s} className={`badge status-${s}`}>
                    {statusLabel(t, s)}: {o.totals.byStatus[s]}
                  </span>
                ))}
              </p>
              {o.objectives.length === 0 && <p className="muted">{t.noMatch}</p>}
              {o.objectives.map((ob) => (
                <article key={ob.ref} className="objective" style={{ marginLeft: `${Math.min(ob.depth, 4) * 1.25}rem` }} data-ref={ob.ref}>
                  <header className="objective-head">
                    <h3>
                      <span className="ref">{ob.ref}</span> {ob.title}
                    </h3>
                    <div className="muted small">
                      {ob.team} · {ob.owner} · {ob.cycle}
                    </div>
                    <div className="row">
                      <ProgressBar progress={ob.progress} expected={ob.expected} label={`${ob.ref} ${t.progress}`} />
                      <span className="num">{pct(ob.progress)}</span>
                      <StatusBadge status={ob.status} />
                    </div>
                  </header>
                  <ul className="krs">
                    {ob.keyResults.map((k) => (
                      <li key={k.ref} className="kr" data-ref={k.ref} data-status={k.status}>
                        <Link to={krPath(k.ref)} className="kr-title">
                          <span className="ref">{k.ref}</span> {k.title}
                        </Link>
                        <div className="row">
                          <ProgressBar progress={k.progress} expected={k.expected} label={`${k.ref} ${t.progress}`} />
                          <span className="num">{pct(k.progress)}</span>
                          <StatusBadge status={k.status} />
                          {k.confidence !== null && (
                            <span className="small muted" title={t.confidence}>
                              {k.confidence}/5
                            </span>
                          )}
                          <Flags stale={k.stale} mismatch={k.confidenceMismatch} />
                        </div>
                      </li>
                    ))}
                  </ul>
                </article>
              ))}
              {o.pages > 1 && (
                <nav className="pager" aria-label="Pages">
                  <button type="button" disabled={o.page <= 1} onClick={() => setPage(o.page - 1)}>
                    {t.prev}
                  </button>
                  <span>{t.page(o.page, o.pages)}</span>
                  <button type="button" disabled={o.page >= o.pages} onClick={() => setPage(o.page + 1)}>
                    {t.next}
                  </button>
                </nav>
              )}
            </section>
          </div>
        )}
      </Loading>
    </div>
  );
}
