// `okr objective add TITLE --team T`: a new objective by hand, checked by the critic first.

import { OkrError } from "../../domain/errors.js";
import type { CommandSpec } from "../command.js";

export const objectiveCommand: CommandSpec = {
  name: "objective",
  summary: "Add an objective (objective add); then add its key results with okr kr add.",
  usage: "okr objective add TITLE --team T [--owner NAME] [--parent REF] [--cycle NAME] [--description TEXT] [--aspirational] [--json]",
  description:
    "Objectives are qualitative; numbers belong in key results. The critic reads the title before it is saved and\n" +
    "prints what it finds (a number in the title, an output instead of an outcome…); the objective is created either\n" +
    "way. It goes into the cycle containing the as-of date unless --cycle names another, with the next free ref.",
  options: {
    team: { type: "string", description: "the team it belongs to (may be the whole company)", placeholder: "T" },
    owner: { type: "string", description: "who is accountable", placeholder: "NAME" },
    parent: { type: "string", description: "the objective it aligns under (ref or title words)", placeholder: "REF" },
    cycle: { type: "string", description: "cycle name (default: the current one)", placeholder: "NAME" },
    description: { type: "string", description: "why it matters", placeholder: "TEXT" },
    aspirational: { type: "boolean", description: "an aspirational objective (expected to reach about 0.7) instead of committed" },
  },
  examples: ['okr objective add "Make support feel instant" --team "Customer Success" --owner "Grace Okafor" --parent O1'],
  async run(ctx, { values, positionals }) {
    const [verb, ...words] = positionals;
    if (verb !== "add") throw new OkrError("invalid_input", `Unknown objective command "${verb ?? ""}": use okr objective add TITLE --team T (okr tree lists objectives).`);
    const title = words.join(" ").trim();
    if (!title) throw new OkrError("invalid_input", 'Give the objective\'s title: okr objective add "Make support feel instant" --team "Customer Success"');
    const team = values.team as string | undefined;
    if (!team?.trim()) throw new OkrError("invalid_input", "Say which team it belongs to: --team Product (a team may be the whole company).");
    const svc = await ctx.service();
    const asOf = ctx.config.asOf;
    const owner = values.owner as string | undefined;
    const { findings } = await svc.critique({ title, owner, team, cycle: values.cycle as string | undefined, keyResults: [] }, asOf);
    const { objective } = await svc.createObjective(
      {
        title,
        team,
        owner,
        parent: values.parent as string | undefined,
        cycle: values.cycle as string | undefined,
        description: values.description as string | undefined,
        committed: values.aspirational !== true,
      },
      asOf,
    );
    // An objective has no KRs yet when added by hand: that finding is the next step, not a fault.
    const shown = findings.filter((f) => f.rule !== "kr-count");
    if (ctx.json) return ctx.out(JSON.stringify({ objective, findings: shown }, null, 2));
    ctx.out(`Created ${objective.ref} "${objective.title}" (${objective.team}${objective.owner ? `, ${objective.owner}` : ""}).`);
    for (const f of shown) ctx.out(`  critic [${f.severity}] ${f.message}${f.suggestion ? ` ${f.suggestion}` : ""}`);
    ctx.out(`Next: okr kr add ${objective.ref} "TITLE" --start N --target N (2–5 key results).`);
  },
};
