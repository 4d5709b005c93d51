// Messages about text rather than the workspace: a text to write, translate, check or summarise
// that is about one KR (answered with that KR's stored numbers), and a sum asked for ("15% of
// 1.365M"). None of them writes.

import { findDate } from "./dates.js";
import { termsIn } from "./directory.js";
import { blankQuotes, INJECTION as INJECTED } from "./guard.js";
import { say, type Lang } from "./lang.js";
import { findKrRef, findNumbers, folded, foldSameLength } from "./parse.js";
import { text, tools, type Plan } from "./plan.js";
import type { Conversation } from "./understand.js";

// A request for text: to write, translate or summarise.
export const TEXT_WORDS = /\b(write|draft|translate|summari[sz]e|rewrite|reword|dich|viet|soan|tom tat)\b/;

// "sanity-check this before I post it: '…'": a text checked against the stored numbers.
export const CHECK_TEXT =
  /\b(sanity.?check|fact.?check|double.?check|check (?:this|that|it|my)|is (?:this|that|it) (?:right|correct|accurate)|kiem tra (?:lai )?(?:giup|cau|doan|tin)|dung khong|chinh xac khong)\b/;

/** A text to write, translate or check that is about one KR: that KR's stored numbers, beside the
 *  numbers the text says. */
export function textAbout(t: string, conv: Conversation): Plan | null {
  const ref = findKrRef(t)?.value;
  // The KR the text is about, named by ref or by words (quoted or not): its stored numbers are
  // what a person drafting or translating a message about it needs.
  // The message's own kind ("an email", "a slack msg") is no KR's name, nor are its values
  // (a "30-day" qualifier stays).
  const plain = t.replace(/(?<![\p{L}])(?:e-?mail|mail|msg|message|slack|post|tweet|announcement|thư|thu|đơn|don|tin nhắn|tin nhan)(?![\p{L}])/giu, " ");
  // A "30-day" qualifier stays first; a value in days ("giảm còn 35 ngày") is dropped if nothing matched.
  const withQualifiers = ref ? [] : (conv.directory?.nameKr(plain.replace(/[-+]?\d[\d.,]*%?(?![\d-]|\s?(?:d|days?|ngày|ngay)\b)/g, " ")) ?? []);
  const named = ref || withQualifiers.length ? withQualifiers : (conv.directory?.nameKr(plain.replace(/[-+]?\d[\d.,]*%?/g, " ")) ?? []);
  const about = ref ?? (named.length === 1 ? named[0]!.ref : undefined);
  if (about) {
    const ref = findKrRef(t);
    // A date in the text ("thứ Sáu này (28/11)") is said as a date, not as two numbers.
    const dated = findDate(t, conv.today);
    const said = findNumbers(t)
      .filter((n) => !(ref && n.start >= ref.start && n.end <= ref.end) && !(dated && n.start >= dated.start && n.start < dated.end))
      .map((n) => n.value.raw);
    return tools([{ toolName: "get_key_result", input: { keyResult: about } }], {
      kind: "text-about",
      keyResult: about,
      said: [...new Set(said)],
      instructions: INJECTED.test(folded(t)),
      // Checked, or asked about with orders for us pasted in: no text was asked for.
      check: CHECK_TEXT.test(folded(blankQuotes(t))) || (INJECTED.test(folded(blankQuotes(t))) && !TEXT_WORDS.test(folded(blankQuotes(t)))),
      // Asked to translate: the OKR words it uses, in both languages, are what can be given.
      ...(/\b(translate|dich)\b/.test(folded(blankQuotes(t))) ? { terms: termsIn(t) } : {}),
    });
  }
  return null;
}

/** "what's 15% of 1.365M", "1tr4 chia đều 3 người": a sum asked for, worked out (nothing stored). */
export function calculate(t: string, lang: Lang): Plan | null {
  const f = foldSameLength(t);
  if (!/\b(math|calc|calculate|compute|what'?s|what is|how much|tinh|bao nhieu|la bao nhieu)\b/.test(f)) return null;
  const numbers = findNumbers(t).filter((n) => /\d/.test(n.value.raw));
  const fmt = (x: number) => Number(x.toFixed(2)).toLocaleString("en-US");
  const of = numbers.findIndex((n, i) => n.value.percent && numbers[i + 1] && /^\s*(?:of|cua)\s*[$€£]?\s*$/.test(f.slice(n.end, numbers[i + 1]!.start)));
  if (of >= 0) {
    const [p, m] = [numbers[of]!.value.value, numbers[of + 1]!.value.value];
    return text(say(lang, `${p}% of ${fmt(m)} is ${fmt((p / 100) * m)}. I changed nothing.`, `${p}% của ${fmt(m)} là ${fmt((p / 100) * m)}. Mình chưa thay đổi gì.`));
  }
  const by = numbers.findIndex((n, i) => numbers[i + 1] && /^\s*(?:divided by|chia(?: deu)?(?: cho)?)\s*$/.test(f.slice(n.end, numbers[i + 1]!.start)));
  if (by >= 0 && numbers[by + 1]!.value.value !== 0) {
    const [a, b] = [numbers[by]!.value.value, numbers[by + 1]!.value.value];
    return text(say(lang, `${fmt(a)} divided by ${fmt(b)} is ${fmt(a / b)}. I changed nothing.`, `${fmt(a)} chia ${fmt(b)} là ${fmt(a / b)}. Mình chưa thay đổi gì.`));
  }
  return null;
}
