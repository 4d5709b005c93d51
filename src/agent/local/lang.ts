// English or Vietnamese: the local model answers in the language it was asked in.

export type Lang = "en" | "vi";

const VI_CHARS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĂÂĐÊÔƠƯ]/i;
const VI_WORDS =
  /\b(khong|nhung|cua|nhom|muc tieu|cap nhat|tien do|cham|bao nhieu|tuan nay|giup|toi|minh|nay|ko|nhe|nha|duoc|dc|chua|roi|vay|the nao|doanh thu|ghi nhan|hom qua|hom nay|tuan truoc|tuan sau|dang|nhat|lam sao|bao gio|tai sao|vi sao|so voi|cho hoi|tot hay xau|mn|hok|hem)\b/i;

/** Vietnamese when the words (names aside: "Minh Nguyen", "Hoàng Văn Nam" in an English sentence)
 *  carry Vietnamese letters or common Vietnamese words. */
export function detectLang(text: string, folded: string): Lang {
  // Names aside: several capitalised words ("Hoàng Văn Nam"), or one ("from Hà") in a message
  // whose other words carry no Vietnamese letter.
  const nameless = text.replace(/(?<![\p{L}])\p{Lu}[\p{L}]*(?:\s+\p{Lu}[\p{L}]*)*/gu, (m, at: number) => (at === 0 && /\s/.test(m) === false && VI_CHARS.test(m) ? m : " "));
  // Words without accents: a capitalised one is a name ("Minh's KR"); "mình" is written lowercase.
  const lowerWords = folded.length ? foldWords(text.replace(/(?<![\p{L}])\p{Lu}[\p{L}]*/gu, " ")) : "";
  if (VI_WORDS.test(lowerWords)) return "vi";
  if (!VI_CHARS.test(nameless)) return "en";
  // "Hà's number is 33 this week": a Vietnamese name first, then only English words.
  const after = text.replace(/^\s*\p{Lu}\p{L}*(?:['’]s)?/u, " ");
  const englishWords = after.split(/[^\p{L}]+/u).filter((w) => /^[a-z]{2,}$/i.test(w));
  return !VI_CHARS.test(after) && englishWords.length >= 3 ? "en" : "vi";
}

const foldWords = (t: string) =>
  t
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .toLowerCase();

export const say = (lang: Lang, en: string, vi: string) => (lang === "vi" ? vi : en);
