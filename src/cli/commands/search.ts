// `okr search TEXT`: full-text search over objective and KR titles and check-in notes.

import { OkrError } from "../../domain/errors.js";
import type { CommandSpec } from "../command.js";
import { table, truncate } from "../format.js";
import { wholeNumber } from "../args.js";

export const searchCommand: CommandSpec = {
  name: "search",
  summary: "Find objectives and key results by words in their titles or in check-in notes.",
  usage: "okr search TEXT [--limit N] [--json]",
  options: { limit: { type: "string", description: "at most N results (default 10)", placeholder: "N" } },
  examples: ["okr search retention", "okr search churn survey", "okr search khách hàng"],
  async run(ctx, { values, positionals }) {
    const text = positionals.join(" ").trim();
    if (!text) throw new OkrError("invalid_input", "Give words to search for: okr search retention");
    const limit = wholeNumber(values.limit as string | undefined, "--limit", { min: 1, example: 5 }) ?? 10;
    const hits = await (await ctx.service()).search(text, limit);
    if (ctx.json) return ctx.out(JSON.stringify(hits, null, 2));
    if (hits.length === 0) return ctx.out(`Nothing matches "${text}".`);
    const where = { objective: "objective", key_result: "KR title", check_in: "check-in note" } as const;
    ctx.out(
      table(
        ["Ref", "Title", "Found in", "Text"],
        hits.map((h) => [h.ref, truncate(h.title, 50), where[h.kind], truncate(h.text, 60)]),
      ),
    );
  },
};
