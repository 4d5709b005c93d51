// Reads that may quote a title (drafting, critique) and the writes that add to the workspace (a new
// objective with its owner, team, parent and KRs; a KR added to an objective named by ref, words or
// owner): step 3 and part of step 5 of understand.ts.

import type { KrDirectory } from "./directory.js";
import { draftFor, type Draft } from "./draft.js";
import { detectLang, say, type Lang } from "./lang.js";
import { findObjectiveRef, folded, fromTo, QUOTED, quotedTexts } from "./parse.js";
import { text, tools, type Plan } from "./plan.js";

/** "help me write an objective about faster support": the topic, and a draft when the drafter knows it. */
export function draftRequest(t: string): { topic: string; draft: Draft | null } | null {
  const f = folded(t);
  const asks =
    /\b(write|draft|come up with|suggest|help|need|want|give me|propose)\b.*\b(objective|okr)\b.*\b(about|for|on|to|around)\b/.test(f) ||
    /\b(giup|soan|viet|de xuat|muon|can)\b.*\b(muc tieu|okr|objective)\b.*\b(ve|cho)\b/.test(f);
  if (!asks) return null;
  const topic = (/\b(?:about|on|around|to)\s+(.+)$/i.exec(t)?.[1] ?? /\bfor\s+(.+)$/i.exec(t)?.[1] ?? /(?:về|ve|cho)\s+(.+)$/iu.exec(t)?.[1] ?? t).replace(/[?.!]+$/, "").trim();
  const team = teamOf(t.replace(topic, ""), undefined) ?? null;
  return { topic, draft: draftFor(topic, team, detectLang(t, f)) };
}

/** The objective text in "critique: X", "critique this objective - X", "is 'X' a good objective?". */
export function quotedOrAfterSeparator(t: string): string | null {
  const quoted = quotedTexts(t)[0];
  if (quoted) return quoted;
  const sep = /(?::|\s[-–—]\s)\s*(.+)$/u.exec(t)?.[1];
  return sep ? sep.trim().replace(/[?]+$/, "") : null;
}

const STOP_AFTER_TEAM = /\s+(?:team|nhom|dang|bi|this|that|is|are|right|now|most|lagging|behind|okrs?|krs?|cham|tre)\b.*$/i;

/** "in Sales", "for the Engineering team", "của nhóm Kinh doanh": known teams first, else the shape. */
export function teamOf(original: string, dir: KrDirectory | undefined): string | undefined {
  if (dir) return dir.findTeam(original);
  const patterns = [
    /\b(?:in|for|of|from|on)\s+(?:the\s+)?(?:team\s+)?([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40}?)(?:\s+team)?\s*(?:[?.!,:]|$|\s+(?:this|right|now|so far|lately))/iu,
    /(?:của|trong|ở|cho)\s+(?:nhóm|team|phòng|bộ phận|đội)\s+([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40})/iu,
    /\b(?:team|nhóm)\s+([A-Za-zÀ-ỹ][A-Za-zÀ-ỹ ]{1,40})/iu,
  ];
  for (const re of patterns) {
    const m = re.exec(original);
    if (!m) continue;
    const candidate = m[1]!.replace(STOP_AFTER_TEAM, "").trim();
    const f = folded(candidate);
    if (!candidate || /^(this week|the week|now|today|me|us|it|track|risk|pace|q\d|\d{4}|the cycle|this cycle|kr\s?\d.*|o\d+)$/.test(f)) continue;
    return candidate;
  }
  return undefined;
}

export function critique(t: string, f: string, dir: KrDirectory | undefined, lang: Lang): Plan | null {
  const asks =
    /^(critique|critic|review|evaluate|feedback)\b/.test(f) ||
    /\b(critique|review this|evaluate|rate this|rate my|grade my|check this (?:objective|okr)|thoughts on|feedback on|is this a good|a good objective|is this objective ok|objective ok|what'?s wrong with|better objective|improve (?:this|my|the) objective|is this ok|good objective|(?:decent|solid|reasonable|strong|weak|ok|okay) objective|objective tot|co phai la good)\b/.test(
      f,
    ) ||
    /\b(danh gia|nhan xet|gop y|(?:on|ok|duoc|dc|hop ly|chuan) (?:khong|ko|k|hong|chua)|co on khong)\b/.test(f);
  if (!asks) return null;
  // "review time TB: 17h" reports a KR's value (code review time); it asks for no critique.
  if (
    /\b(?:code review|review code|review (?:time|speed|turnaround|cycle))\b/.test(f) &&
    !/\b(critique|critic|evaluate|feedback|objective|okr|muc tieu|danh gia|nhan xet|gop y)\b/.test(f)
  )
    return null;
  // "review time TB: 17h" reports a KR's value (code review time); it asks for no critique.
  if (/\b(?:code review|review (?:time|speed|turnaround|cycle))\b/.test(f) && !/\b(critique|critic|evaluate|feedback|objective|okr|muc tieu|danh gia|nhan xet|gop y)\b/.test(f))
    return null;
  // "critique O3": an objective of ours, by ref or by its owner's name; the answer names it and its KRs.
  const refd = findObjectiveRef(t)?.value;
  const ours = refd ? dir?.matchObjective(refd) : !quotedOrAfterSeparator(t) ? dir?.matchObjective(t) : undefined;
  if (ours && ours.length === 1) {
    const o = ours[0]!;
    const krs = dir!.krs.filter((k) => k.ref.startsWith(`KR${o.ref.slice(1)}.`));
    return tools(
      [
        {
          toolName: "critique_objective",
          input: { title: o.title, owner: o.owner, team: o.team, keyResults: krs.map((k) => ({ title: k.title, start: k.start, target: k.target, owner: k.owner })) },
        },
      ],
      { kind: "critique", ref: o.ref, title: o.title, keyResults: krs.map((k) => k.ref) },
    );
  }
  // A pasted block, one line each: "O: …" / "Objective: …", then "KR1: …", "- …", "2) …".
  const block = pastedBlock(t);
  if (block)
    return tools([
      {
        toolName: "critique_objective",
        input: { title: block.title, keyResults: block.keyResults.map((k) => ({ title: k, ...(fromTo(k) ? { start: fromTo(k)!.start, target: fromTo(k)!.target } : {}) })) },
      },
    ]);
  // "obj: Be the best-loved dev tool brand. only 1 KR so far: 'Grow newsletter subscribers …'".
  const labelled = /\b(?:obj|objective|muc tieu)\s*:\s*([^.'"“]{3,}?)(?:\.|$|\s+(?:only|with|kr))/iu.exec(t)?.[1];
  if (labelled) {
    const krs = quotedTexts(t);
    return tools([
      {
        toolName: "critique_objective",
        input: { title: labelled.trim(), keyResults: krs.map((k) => ({ title: k, ...(fromTo(k) ? { start: fromTo(k)!.start, target: fromTo(k)!.target } : {}) })) },
      },
    ]);
  }
  // "objective 'A', KR 'B', KR 'C'": the first quoted text is the objective, the others its KRs.
  const quoted = quotedTexts(t);
  if (quoted.length >= 2 && /\b(krs?|key results?)\b/i.test(t))
    return tools([
      {
        toolName: "critique_objective",
        input: { title: quoted[0]!, keyResults: quoted.slice(1).map((k) => ({ title: k, ...(fromTo(k) ? { start: fromTo(k)!.start, target: fromTo(k)!.target } : {}) })) },
      },
    ]);
  const krList = /\bKRs?\s*:\s*(.+)$/iu.exec(t);
  const head = krList ? t.slice(0, krList.index) : t;
  const title = quotedOrAfterSeparator(head.replace(/[,;]\s*$/, ""));
  if (title) {
    const keyResults = krList
      ? krList[1]!
          .split(/[,;]|\band\b/)
          .map((k) => k.trim().replace(/^["“'‘]|["”'’]$/g, ""))
          .filter(Boolean)
          .map((k) => ({ title: k, ...(fromTo(k) ? { start: fromTo(k)!.start, target: fromTo(k)!.target } : {}) }))
      : undefined;
    return tools([{ toolName: "critique_objective", input: { title: title.replace(/^objective\s+/i, ""), ...(keyResults ? { keyResults } : {}) } }]);
  }
  // "critique priya's objective": she owns two; which one?
  if (ours && ours.length > 1 && ours.length <= 6) {
    const list = ours.map((o) => `${o.ref} (${o.title})`).join(", ");
    return text(say(lang, `Which objective should I critique: ${list}? Reply with the ref.`, `Bạn muốn đánh giá mục tiêu nào: ${list}? Hãy trả lời bằng mã.`), {
      kind: "redo",
      text: t,
      pick: true,
    });
  }
  if (/\b(critique|danh gia|nhan xet)\b/.test(f))
    return text(
      say(
        lang,
        "Which objective should I critique? Give its ref (O3) or paste it after a colon, e.g. critique: Increase conversion by 2%.",
        "Mục tiêu nào cần đánh giá? Cho mình mã (O3) hoặc dán nó sau dấu hai chấm, ví dụ: đánh giá: Tăng tỷ lệ chuyển đổi 2%.",
      ),
    );
  return null;
}

/** An objective on a line of its own, labelled, with its KRs on the lines after it. */
function pastedBlock(t: string): { title: string; keyResults: string[] } | null {
  const lines = t.split(/\r?\n/).map((l) => l.trim());
  const at = lines.findIndex((l) => /^(?:O\d*|obj|objective|mục tiêu|muc tieu)\s*\d*\s*[:.)-]\s*\S/iu.test(l));
  if (at < 0) return null;
  const title = lines[at]!.replace(/^(?:O\d*|obj|objective|mục tiêu|muc tieu)\s*\d*\s*[:.)-]\s*/iu, "").trim();
  const keyResults: string[] = [];
  for (const l of lines.slice(at + 1)) {
    const m = /^(?:(?:KR|key result)\s*\d*\s*[:.)-]?|[-•*]|\d+\s*[.)])\s*(\S.*)$/iu.exec(l);
    if (!m) break;
    keyResults.push(m[1]!.trim().replace(/^["“'‘]|["”'’]$/g, ""));
  }
  return keyResults.length ? { title, keyResults } : null;
}

/** "KRs: A from 1 to 2, B from 3 to 4" or "KR1: …, KR2: …" after an objective's title. */
function krsAfter(t: string): { title: string; start: number; target: number; unit?: string }[] {
  const m = /\b(?:KRs?|key results?)\s*(?:\d\s*)?:\s*(.+)$/isu.exec(t) ?? /\bwith (?:one |two |three )?(?:KRs?|key results?)\s*:?\s*(.+)$/isu.exec(t);
  if (!m) return [];
  return (
    m[1]!
      .split(/;\s*|,\s+|\bKR\s?\d\s*:|\band\b/i)
      .map((s) => s.trim())
      .filter(Boolean)
      // "ký 10 hợp đồng mới ở Đà Nẵng, từ 0 lên 10": a from–to said after a comma belongs to the KR before it.
      .reduce<string[]>((all, s) => (all.length && /^(?:from|từ|tu)(?!\p{L})/iu.test(s) && !fromTo(all.at(-1)!) ? [...all.slice(0, -1), `${all.at(-1)!}, ${s}`] : [...all, s]), [])
      .flatMap((s) => {
        const r = fromTo(s);
        if (!r) return [];
        const title = s.replace(/^\s*(?:KR\s?\d\s*:)?\s*/i, "").trim();
        return [{ title: capitalize(title), start: r.start, target: r.target, ...(r.unit ? { unit: r.unit } : {}) }];
      })
  );
}

export function createOrAdd(t: string, f: string, dir: KrDirectory | undefined, lang: Lang): Plan | null {
  // "create an objective … with one KR: …" creates the objective; "add a KR to Sofia's objective" adds a KR.
  const objectiveAt =
    /\b(create|add|new|make|set up|needs? an?|tao|them)\b[^:'"“]*?\b(objective|obj|muc tieu)\b/.exec(f)?.index ??
    // "marketing / owner Daniel Kim / objective: …": a labelled objective with its team is one to create.
    (/\bobjective\s*(?::|la\b)/.test(f) &&
    !/\b(add|new|them)\b[^:]*\b(kr|key result)\b/.test(f) &&
    dir?.findTeam(t) &&
    !findObjectiveRef(t.replace(/\b(?:under|align\w*|parent|dưới|duoi)\s+O\d+/giu, ""))
      ? 0
      : undefined) ??
    Infinity;
  const krAt =
    // "needs a deploy frequency KR" adds one; "I need every off-track key result" asks for a list.
    /\b(add|new|create|another|them|bo sung|needs? (?:a|an|one|another|one more)|one more|can them)\b[^:'"“]*?\b(kr|key result|ket qua)\b/.exec(f)?.index ??
    (/\b(add|them)\b[^:]*\b(?:to|vao|cho)\s+o\d+\s*:/.test(f) && fromTo(t) ? 0 : undefined) ??
    // "under the '…' objective add: cut rollback rate from 6% to 2%".
    (/\b(?:objective|muc tieu)\b.*\b(?:add|them)\s*:/.test(f) && fromTo(t) ? f.search(/\b(?:add|them)\s*:/) : undefined) ??
    Infinity;
  if (krAt < Infinity && krAt <= objectiveAt) {
    // "under the 'releases customers can trust' objective add: cut rollback rate from 6% to 2%":
    // a quote next to "objective" names the objective; the KR is what follows the colon.
    const namesObjective = [...t.matchAll(QUOTED)].find(
      (m) => /\b(?:objective|mục tiêu|muc tieu)\s*$/iu.test(t.slice(0, m.index)) || /^\s*(?:objective|mục tiêu|muc tieu)\b/iu.test(t.slice(m.index! + m[0].length)),
    );
    const afterColon = namesObjective ? /:\s*(.+)$/u.exec(t.slice(namesObjective.index! + namesObjective[0].length))?.[1]?.trim() : undefined;
    const title = afterColon ?? quotedOrAfterSeparator(t);
    // Where it goes may be said before or after the KR ("thêm KR '…' vào objective của anh Minh").
    const where = title ? t.replace(title, " ") : t;
    const named = dir?.matchObjective(where) ?? [];
    const objective =
      findObjectiveRef(where)?.value ??
      (named.length === 1 ? named[0]!.ref : undefined) ??
      (dir
        ? undefined
        : /\b(?:to|for|under|vào|vao|cho)\s+(?:the\s+)?["“]?([^:"”]+?)["”]?\s*(?::|\s[-–—]\s)/iu
            .exec(t)?.[1]
            ?.replace(/\b(objective|mục tiêu|muc tieu)\b/giu, "")
            .trim());
    if (!objective && named.length > 1) {
      const list = named.map((o) => `${o.ref} (${o.title})`).join(", ");
      return text(say(lang, `Which objective should it go under: ${list}? Reply with the ref.`, `KR này thuộc mục tiêu nào: ${list}? Hãy trả lời bằng mã.`), {
        kind: "pick",
        slot: "objective",
        candidates: named.map((o) => ({ ref: o.ref, title: o.title })),
        calls: title && fromTo(title) ? [{ toolName: "add_key_result", input: krInput(title) }] : [],
      });
    }
    if (!objective) return text(say(lang, "Which objective should the key result go under? Give its ref, e.g. O3.", "KR này thuộc mục tiêu nào? Cho mình mã, ví dụ O3."));
    // "needs a deploy frequency KR, 3 → 10 deploys a week": the words before "KR" name what it measures.
    const measured = !title && fromTo(t) ? /\b(?:needs?|add|want|wants|them)\s+(?:a|an|one more|another|1)?\s*(.{3,40}?)\s+(?:kr|key result)\b/i.exec(t)?.[1] : undefined;
    if (!title && measured) {
      const r = fromTo(t)!;
      return tools([
        { toolName: "add_key_result", input: { objective, ...krInput(`${measured} from ${r.start} to ${r.target}${r.unit === "%" ? "%" : r.unit ? ` ${r.unit}` : ""}`) } },
      ]);
    }
    if (!title)
      return text(
        say(
          lang,
          `What should the key result on ${objective} measure? e.g. "grow subscribers from 8,000 to 12,000".`,
          `KR cho ${objective} đo điều gì? Ví dụ "tăng người đăng ký từ 8.000 lên 12.000".`,
        ),
      );
    if (!fromTo(title))
      return text(
        say(lang, `Where does "${title}" start and what is the target? Say it as "from X to Y".`, `"${title}" bắt đầu từ đâu và mục tiêu là bao nhiêu? Hãy nói dạng "từ X lên Y".`),
      );
    return tools([{ toolName: "add_key_result", input: { objective, ...krInput(title) } }]);
  }
  if (objectiveAt < Infinity) {
    const title =
      quotedTexts(t)[0] ??
      quotedOrAfterSeparator(t.replace(/\b(?:KRs?|key results?)\s*(?:\d\s*)?:.*$/isu, ""))
        // The title ends where its details begin: "…for the team. Owner Priya, align it under O4."
        ?.split(/[,.;]\s*(?:owner|align|under|parent|team|người phụ trách|nguoi phu trach|phụ trách|phu trach|thuộc|thuoc|dưới|duoi)\b/iu)[0]
        ?.replace(/[.;,]+$/, "")
        .trim();
    const rest = title ? t.replace(title, " ") : t;
    const team =
      dir?.findTeam(rest) ?? (/\bcompany[- ]level|company[- ]wide|toan cong ty\b/.test(f) ? dir?.teams().find((x) => folded(x) === "company") : undefined) ?? teamOf(rest, dir);
    if (!title)
      return text(
        say(
          lang,
          "What should the objective say? e.g. create an objective for Product: Give new users a smooth first-run experience.",
          "Mục tiêu nói gì? Ví dụ: tạo mục tiêu cho nhóm Sản phẩm: Mang lại trải nghiệm đầu tiên mượt mà.",
        ),
      );
    if (!team) return text(say(lang, `Which team is "${title}" for?`, `Mục tiêu "${title}" thuộc nhóm nào?`), { kind: "redo", text: t, pick: false });
    const owner = dir?.findOwner(rest) ?? /\bowner\s+([A-ZÀ-Ỹ][\p{L}]+(?:\s[A-ZÀ-Ỹ][\p{L}]+)*)/u.exec(t)?.[1];
    // The parent: by ref after "under" / "align" / "dưới" / "thuộc", or by its words ("gắn với objective
    // giữ chân khách hàng").
    const fr = folded(rest);
    const parentRef = /\b(?:align(?:ed)?(?: it)?(?: under| to| with)?|under|parent|thuoc|can chinh|duoi|gan voi|gan vao|nam trong)\s+(?:(?:objective|muc tieu)\s+)?(o\d+)\b/i
      .exec(fr)?.[1]
      ?.toUpperCase();
    const parentWords = parentRef
      ? undefined
      : /\b(?:align(?:ed)? (?:under|to|with)|under the|gan voi|gan vao|thuoc|nam trong)\s+(?:objective|muc tieu)\s+(.{3,60})$/i.exec(fr)?.[1];
    const parentByWords = parentWords ? dir?.matchObjective(parentWords.replace(/[.!]+$/, "")) : undefined;
    const parent = parentRef ?? (parentByWords?.length === 1 ? parentByWords[0]!.ref : undefined);
    const keyResults = krsAfter(t);
    return tools([
      { toolName: "create_objective", input: { title, team, ...(owner ? { owner } : {}), ...(parent ? { parent } : {}), ...(keyResults.length ? { keyResults } : {}) } },
    ]);
  }
  return null;
}

export function krInput(title: string): Record<string, unknown> {
  const range = fromTo(title)!;
  return { title: capitalize(title.trim().replace(/(?<!\.)[.!]+$/, "")), start: range.start, target: range.target, ...(range.unit ? { unit: range.unit } : {}) };
}

/** A sentence's first letter up, unless its first word is written with capitals of its own (eNPS). */
function capitalize(title: string): string {
  const first = title.split(/\s/)[0] ?? "";
  return /\p{Lu}/u.test(first.slice(1)) ? title : title.charAt(0).toUpperCase() + title.slice(1);
}
