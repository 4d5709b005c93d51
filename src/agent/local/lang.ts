// English or Vietnamese: the local model answers in the language it was asked in.

export type Lang = "en" | "vi";

const VI_CHARS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĂÂĐÊÔƠƯ]/i;
const VI_WORDS = /\b(khong|nhung|cua|nhom|muc tieu|cap nhat|tien do|cham|bao nhieu|tuan nay|giup|toi|minh)\b/i;

export function detectLang(text: string, folded: string): Lang {
  return VI_CHARS.test(text) || VI_WORDS.test(folded) ? "vi" : "en";
}

export const say = (lang: Lang, en: string, vi: string) => (lang === "vi" ? vi : en);
