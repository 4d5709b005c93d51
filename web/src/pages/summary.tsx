// The week's grounded leadership summary, rendered. Each fact citation ([F41]) becomes a link to the
// KR it rests on (its text as the tooltip), or to the fact in the list below; the grounding verdict
// is shown; the summary can be copied as Markdown or Slack text (without the citations).

import { useState, type ReactNode } from "react";
import type { Fact, Summary } from "../api";
import { Link, Loading, krPath, useApp, useJson } from "../app";
import type { Strings } from "../i18n";

const CITATION = /\s*\[(F\d+(?:,\s*F\d+)*)\]/g;
export const withoutCitations = (text: string) => text.replace(CITATION, "");

/** **bold** and citations in one line of the summary; everything else is text (React escapes it). */
function inline(line: string, facts: Map<string, Fact>, t: Strings): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*(.+?)\*\*|\s*\[(F\d+(?:,\s*F\d+)*)\]/g;
  let last = 0;
  for (const m of line.matchAll(re)) {
    if (m.index! > last) out.push(line.slice(last, m.index));
    if (m[1] !== undefined) out.push(<strong key={m.index}>{m[1]}</strong>);
    else
      out.push(
        <span key={m.index} className="cites">
          {m[2]!.split(/,\s*/).map((id) => {
            const f = facts.get(id);
            const kr = f?.refs.find((r) => /^KR/i.test(r));
            return kr ? (
              <Link key={id} to={krPath(kr)} className="cite" title={f!.text}>
                {kr}
              </Link>
            ) : (
              <a key={id} href={`#fact-${id}`} className="cite" title={f?.text ?? id}>
                {f?.refs[0] ?? t.source}
              </a>
            );
          })}
        </span>,
      );
    last = m.index! + m[0].length;
  }
  if (last < line.length) out.push(line.slice(last));
  return out;
}

/**
 * The summary's Markdown is our own template's (headings, a bold lead, bullets, citations) or an
 * LLM's rewrite of it checked by the grounding step: a few line kinds, drawn as React elements so
 * that quoted notes stay text. Kept here instead of a Markdown library, which would hand raw HTML
 * in notes to the page.
 */
function render(markdown: string, facts: Map<string, Fact>, t: Strings): ReactNode[] {
  const blocks: ReactNode[] = [];
  let items: ReactNode[] = [];
  const flush = () => {
    if (items.length) blocks.push(<ul key={`ul${blocks.length}`}>{items}</ul>);
    items = [];
  };
  markdown.split("\n").forEach((line, i) => {
    const h = /^(#{1,3})\s+(.*)$/.exec(line);
    if (line.startsWith("- ")) return items.push(<li key={i}>{inline(line.slice(2), facts, t)}</li>);
    flush();
    if (h) blocks.push(h[1]!.length === 1 ? <h2 key={i}>{inline(h[2]!, facts, t)}</h2> : <h3 key={i}>{inline(h[2]!, facts, t)}</h3>);
    else if (line.trim()) blocks.push(<p key={i}>{inline(line, facts, t)}</p>);
  });
  flush();
  return blocks;
}

function CopyButton({ label, text }: { label: string; text: string }) {
  const { t } = useApp();
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setDone(true);
        setTimeout(() => setDone(false), 2000);
      }}
    >
      {done ? t.copied : label}
    </button>
  );
}

export function SummaryPage() {
  const { t, lang, asOf } = useApp();
  const load = useJson<Summary>("/api/summary", { asOf, lang });
  return (
    <div className="summary-page">
      <h1>{t.summaryTitle}</h1>
      <Loading load={load}>
        {(s) => {
          const facts = new Map(s.facts.map((f) => [f.id, f]));
          return (
            <>
              <p className="muted">{t.weekOf(s.weekStart, s.asOf)}</p>
              <p className={`verdict ${s.grounded ? "grounded" : "ungrounded"}`} role="status">
                {s.grounded ? `✓ ${t.grounded}` : `⚠ ${t.notGrounded}`}
                {s.unsupported.length > 0 && `: ${s.unsupported.join("; ")}`}
              </p>
              <div className="actions">
                <CopyButton label={t.copyMarkdown} text={withoutCitations(s.summary)} />
                <CopyButton label={t.copySlack} text={withoutCitations(s.slack)} />
              </div>
              <article className="summary panel">{render(s.summary, facts, t)}</article>
              <details className="facts">
                <summary>
                  {t.facts} ({s.facts.length})
                </summary>
                <ol>
                  {s.facts.map((f) => (
                    <li key={f.id} id={`fact-${f.id}`}>
                      <span className="ref">{f.id}</span> {f.text}{" "}
                      {f.refs
                        .filter((r) => /^KR/i.test(r))
                        .map((r) => (
                          <Link key={r} to={krPath(r)} className="cite">
                            {r}
                          </Link>
                        ))}
                    </li>
                  ))}
                </ol>
              </details>
            </>
          );
        }}
      </Loading>
    </div>
  );
}
