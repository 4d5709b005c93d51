// Team names people use interchangeably: English and Vietnamese names of the usual functions, so
// "what's off track in Sales?" finds the team that writes its OKRs as "Kinh doanh".

import { foldText } from "./resolve.js";

const SYNONYMS: string[][] = [
  ["sales", "sale", "kinh doanh", "kd", "ban hang", "bán hàng"],
  ["marketing", "tiep thi", "tiếp thị"],
  ["engineering", "eng", "ky thuat", "kỹ thuật", "dev", "development"],
  ["product", "san pham", "sản phẩm"],
  ["customer success", "cs", "cham soc khach hang", "chăm sóc khách hàng", "support", "ho tro", "hỗ trợ"],
  ["company", "cong ty", "công ty"],
  ["finance", "tai chinh", "tài chính"],
  ["hr", "people", "nhan su", "nhân sự"],
  ["operations", "ops", "van hanh", "vận hành"],
];

/** The workspace team a typed name spells another way (any case, spacing or accents), the exact
 *  spelling first. */
export function spelledTeam(typed: string, teams: readonly string[]): string | undefined {
  if (teams.includes(typed)) return typed;
  const q = foldText(typed);
  return teams.find((t) => foldText(t) === q);
}

/** The workspace team a typed name means: the same name (spelledTeam), then a synonym. */
export function matchTeam(typed: string, teams: readonly string[]): string | undefined {
  const exact = spelledTeam(typed, teams);
  if (exact) return exact;
  const q = foldText(typed);
  const group = SYNONYMS.find((g) => g.some((s) => foldText(s) === q));
  if (!group) return undefined;
  return teams.find((t) => group.some((s) => foldText(s) === foldText(t)));
}

/** Every name a team goes by: its own, and the synonyms of its group ("Kinh doanh": sales, bán hàng…). */
export function teamNames(team: string): string[] {
  const q = foldText(team);
  const group = SYNONYMS.find((g) => g.some((s) => foldText(s) === q));
  return [team, ...(group ?? [])];
}
