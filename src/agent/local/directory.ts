// What the local model knows about the workspace before it calls a tool (read once through
// list_okrs over MCP): KR titles, units and owners, and the team names. It finds the KR a person
// means from their words ("NPS came in at 53" → KR9.2), the team ("bên Engineering"), the owner.

import { matchTeam } from "../../domain/teams.js";
import { folded } from "./parse.js";

export interface DirectoryKr {
  ref: string;
  title: string;
  owner: string;
  team: string;
  unit: string;
  current: number;
  target: number;
}

const STOP = new Set(
  (
    "the a an is are was were be been at in on for of to from now this that week weeks month months today yesterday our my we i it its and or with by per " +
    "set please pls just what whats how hows which top most kr krs okr okrs key result results log logged update updated check checkin chekc confidence conf confident note notes " +
    "green yellow red amber came come went got hit reached reach new latest current value number still tbh ok so far up down about around " +
    "increase raise grow reduce cut lift lower improve keep make get hold average rate monthly weekly " +
    "la cua cho tuan nay thang duoc roi dang o muc hien tai cap nhat ghi nhan tu tin do cay mau vang xanh nhe giup minh voi va cac nhung " +
    "tang giam nang len xuong con dat so chi ngay gio day days hours done latest minh nhe di co gi ko khong nao" +
    " muc toan cong ty rieng thi sao"
  ).split(" "),
);

// "30-day" stays one word ("30day"): it is what tells 30-day retention from net revenue retention.
const words = (text: string) =>
  folded(text)
    .replace(/\b(\d+)-([a-z]+)/g, "$1$2")
    .split(/[^a-z0-9%]+/)
    .filter((w) => w && (!/^\d/.test(w) || /[a-z]/.test(w)));
const stem = (w: string) => (w.length >= 4 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w);

/** Title tokens plus acronyms of consecutive words ("monthly recurring revenue" → mrr). */
function titleTokens(title: string): Set<string> {
  const ws = words(title);
  const out = new Set(ws.map(stem));
  // Two-letter acronyms ("ko", "co") collide with ordinary words; three and four letters do not.
  for (let n = 3; n <= 4; n++)
    for (let i = 0; i + n <= ws.length; i++)
      out.add(
        ws
          .slice(i, i + n)
          .map((w) => w[0])
          .join(""),
      );
  return out;
}

export class KrDirectory {
  private readonly tokens: Map<string, Set<string>>;
  private readonly idf = new Map<string, number>();

  constructor(readonly krs: DirectoryKr[]) {
    this.tokens = new Map(krs.map((k) => [k.ref, titleTokens(k.title)]));
    const df = new Map<string, number>();
    for (const set of this.tokens.values()) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + krs.length / n));
  }

  teams(): string[] {
    return [...new Set(this.krs.map((k) => k.team))];
  }

  byRef(ref: string): DirectoryKr | undefined {
    return this.krs.find((k) => k.ref.toUpperCase() === ref.toUpperCase());
  }

  /** The KRs a text names: one = found, several = ambiguous (closest scores), none = not named. */
  matchKr(text: string): DirectoryKr[] {
    const query = [
      ...new Set(
        words(text)
          .filter((w) => !STOP.has(w) && w.length >= 2)
          .map(stem),
      ),
    ];
    if (!query.length) return [];
    const scored = this.krs
      .map((k) => ({ k, score: query.reduce((s, q) => s + (this.tokens.get(k.ref)!.has(q) ? (this.idf.get(q) ?? 0) : 0), 0) }))
      .filter((x) => x.score >= 1.2)
      .sort((a, b) => b.score - a.score);
    if (!scored.length) return [];
    return scored.filter((x) => x.score >= scored[0]!.score * 0.8).map((x) => x.k);
  }

  /** A team named in the text, by its own name or a synonym in either language. */
  findTeam(text: string): string | undefined {
    // "toàn công ty", "company-wide": the whole workspace, not the team called Company.
    const f = ` ${folded(text)
      .replace(/\b(toan cong ty|ca cong ty|whole company|company-?wide|across the company|all teams)\b/g, " ")
      .replace(/[^a-z0-9 ]+/g, " ")} `;
    const teams = this.teams();
    for (const t of teams) if (f.includes(` ${folded(t)} `)) return t;
    for (const w of f.trim().split(/\s+/)) {
      const m = matchTeam(w, teams);
      if (m) return m;
    }
    for (let i = 0; i + 1 < f.trim().split(/\s+/).length; i++) {
      const pair = f
        .trim()
        .split(/\s+/)
        .slice(i, i + 2)
        .join(" ");
      const m = matchTeam(pair, teams);
      if (m) return m;
    }
    return undefined;
  }

  /** An owner named in the text: full name, or a first name only one owner has. */
  findOwner(text: string): string | undefined {
    const f = ` ${folded(text).replace(/[^a-z0-9 ]+/g, " ")} `;
    const owners = [...new Set(this.krs.map((k) => k.owner).filter(Boolean))];
    const full = owners.find((o) => f.includes(` ${folded(o)} `));
    if (full) return full;
    // One name alone must be written as a name (capitalised, accents as stored): "giúp mình" is
    // "help me", not Minh; "anh Nam" is Hoàng Văn Nam.
    const tokens = new Set(text.split(/[^\p{L}]+/u).filter((w) => /^\p{Lu}/u.test(w)));
    const byName = owners.filter((o) => {
      const parts = o.split(" ");
      return tokens.has(parts[0]!) || tokens.has(parts.at(-1)!);
    });
    return byName.length === 1 ? byName[0] : undefined;
  }
}
