// The default summary writer (a template over the facts, English or Vietnamese) and the output
// formats: Markdown, Slack mrkdwn, an HTML e-mail body.

import type { Fact, FactKind, Lang, WeeklyFacts } from "./weekly.js";

const HEADINGS: Record<Lang, { title: (w: WeeklyFacts) => string; headline: string; risk: string; moved: string; decide: string; chase: string; quotes: string; none: string }> = {
  en: {
    title: (w) => `Weekly OKR summary${w.team ? ` — ${w.team}` : ""}, ${w.weekStart} to ${w.asOf}`,
    headline: "Headline",
    risk: "At risk and why",
    moved: "What moved",
    decide: "Needs a decision",
    chase: "Check-ins to chase",
    quotes: "In their words (quoted from check-in notes)",
    none: "Nothing this week.",
  },
  vi: {
    title: (w) => `Tóm tắt OKR tuần${w.team ? ` — ${w.team}` : ""}, ${w.weekStart} đến ${w.asOf}`,
    headline: "Tóm lược",
    risk: "Rủi ro và lý do",
    moved: "Thay đổi trong tuần",
    decide: "Cần quyết định",
    chase: "Cần nhắc cập nhật",
    quotes: "Trích từ ghi chú cập nhật",
    none: "Không có gì trong tuần này.",
  },
};

const LIMITS: Partial<Record<FactKind, number>> = { lagging: 3, forecast_miss: 4, quote: 5 };

/** Markdown that restates the facts, each line citing its fact id. */
export function templateSummary(w: WeeklyFacts, lang: Lang): string {
  const H = HEADINGS[lang];
  const of = (...kinds: FactKind[]) => kinds.flatMap((k) => w.facts.filter((f) => f.kind === k).slice(0, LIMITS[k] ?? Infinity));
  const cite = (f: Fact) => `${f.text} [${f.id}]`;
  const overview = of("overview")[0]!;
  const worst = of("lagging")[0];
  const headline = worst
    ? `${overview.text.replace(/\.$/, "")}; ${lang === "vi" ? "chậm nhất" : "furthest behind"}: ${worst.text.replace(/\.$/, "")}. [${overview.id}, ${worst.id}]`
    : cite(overview);
  const section = (title: string, facts: Fact[]) => [`## ${title}`, ...(facts.length ? facts.map((f) => `- ${cite(f)}`) : [H.none]), ""];
  return [
    `# ${H.title(w)}`,
    "",
    `**${H.headline}:** ${headline}`,
    "",
    ...section(H.risk, of("lagging")),
    ...section(H.moved, of("status_change", "mover_up", "mover_down", "confidence_drop")),
    ...section(H.decide, of("confidence_mismatch", "forecast_miss")),
    ...section(H.chase, of("stale")),
    ...(of("quote").length ? section(H.quotes, of("quote")) : []),
  ]
    .join("\n")
    .trimEnd();
}

/** Slack's control characters (its docs: escape exactly these three). Text from the workspace (a
 *  note, a title) can then never be `<!channel>`, a `<@U…>` mention or a `<https://…|disguised>` link. */
const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack mrkdwn: *bold* headings, • bullets; stored text cannot page anyone or hide a link. */
export function toSlack(markdown: string): string {
  return markdown
    .split("\n")
    .map((l) =>
      escapeSlack(l)
        .replace(/^#{1,6}\s+(.*)$/, "*$1*")
        .replace(/\*\*(.+?)\*\*/g, "*$1*")
        .replace(/^- /, "• "),
    )
    .join("\n");
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const STYLE = {
  h1: "font-size:20px;margin:0 0 12px",
  h2: "font-size:16px;margin:18px 0 6px",
  ul: "margin:0 0 8px;padding-left:20px",
  li: "margin:0 0 4px",
  cite: "font-size:11px;color:#1e3a8a;background:#dbeafe;border-radius:3px;padding:0 3px;text-decoration:none",
};

/** A self-contained HTML e-mail body, styled inline (mail clients drop style sheets). A citation
 *  ([F41]) becomes the KR it rests on with the fact as its tooltip, never a raw fact id. */
export function toHtml(markdown: string, facts: readonly Pick<Fact, "id" | "text" | "refs">[] = []): string {
  const byId = new Map(facts.map((f) => [f.id, f]));
  const cite = (ids: string) =>
    ids
      .split(/,\s*/)
      .map((id) => {
        const f = byId.get(id);
        const label = f?.refs.find((r) => /^KR/i.test(r)) ?? f?.refs[0] ?? "source";
        return ` <sup><abbr title="${escapeHtml(f?.text ?? id)}" style="${STYLE.cite}">${escapeHtml(label)}</abbr></sup>`;
      })
      .join("");
  const out: string[] = [];
  let list = false;
  for (const line of markdown.split("\n")) {
    const inline = (s: string) =>
      escapeHtml(s)
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/\s*\[(F\d+(?:,\s*F\d+)*)\]/g, (_, ids: string) => cite(ids));
    if (line.startsWith("- ")) {
      if (!list) {
        out.push(`<ul style="${STYLE.ul}">`);
        list = true;
      }
      out.push(`<li style="${STYLE.li}">${inline(line.slice(2))}</li>`);
      continue;
    }
    if (list) {
      out.push("</ul>");
      list = false;
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line);
    if (h) out.push(`<h${h[1]!.length} style="${h[1]!.length === 1 ? STYLE.h1 : STYLE.h2}">${inline(h[2]!)}</h${h[1]!.length}>`);
    else if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  if (list) out.push("</ul>");
  return `<div style="font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.5; color: #111827; max-width: 720px">\n${out.join("\n")}\n</div>`;
}
