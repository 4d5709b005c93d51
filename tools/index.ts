// The tool catalog, in the order clients list it.

import type { ToolDefinition } from "../src/mcp/tool.js";
import { addKeyResult } from "./add_key_result.js";
import { createObjective } from "./create_objective.js";
import { correctCheckIn } from "./correct_check_in.js";
import { critiqueObjective } from "./critique_objective.js";
import { getKeyResult } from "./get_key_result.js";
import { listOkrs } from "./list_okrs.js";
import { logCheckIn } from "./log_check_in.js";
import { queryLaggingKeyResults } from "./query_lagging_key_results.js";
import { searchOkrs } from "./search_okrs.js";
import { updateKeyResult } from "./update_key_result.js";
import { weeklySummary } from "./weekly_summary.js";

export const TOOLS = [
  listOkrs,
  getKeyResult,
  searchOkrs,
  queryLaggingKeyResults,
  createObjective,
  addKeyResult,
  logCheckIn,
  correctCheckIn,
  updateKeyResult,
  critiqueObjective,
  weeklySummary,
] as unknown as ToolDefinition[];
