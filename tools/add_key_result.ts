// add_key_result: a new key result on an existing objective.

import { z } from "zod";
import { defineTool } from "../src/mcp/tool.js";
import { dryRun, newKeyResult, objectiveQuery } from "../src/mcp/schemas.js";

export const addKeyResult = defineTool({
  name: "add_key_result",
  title: "Add a key result",
  description: 'Use this when the person asks to add a measurable key result to an objective, e.g. "add a KR to O3: grow subscribers from 8k to 12k". Returns its ref.',
  input: newKeyResult.extend({ objective: objectiveQuery, weight: z.number().positive().optional().describe("Roll-up weight (default 1)"), dryRun }),
  output: z.object({
    keyResult: z.object({ ref: z.string(), title: z.string(), objectiveRef: z.string(), direction: z.string(), start: z.number(), target: z.number(), unit: z.string() }),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const { dryRun, ...k } = args;
    const kr = await ctx.service.addKeyResult(k, ctx.today(), { dryRun, actor: ctx.actor });
    const objectiveRef = (await ctx.service.ws()).objectives.get(kr.objectiveId)!.ref;
    return {
      data: { keyResult: { ...kr, objectiveRef } },
      text: `${dryRun ? "Would add" : "Added"} ${kr.ref} "${kr.title}" to ${objectiveRef}: ${kr.direction} from ${kr.start} to ${kr.target}${kr.unit ? ` ${kr.unit}` : ""}.`,
    };
  },
});
