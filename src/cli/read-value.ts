// A number typed on the command line (okr checkin, okr kr add/set), read by the one number reader.
// In chat the agent reads 45.200 as Vietnamese thousands and shows what it logged; here a wrong
// guess would be silent (45200 or 45.2?), so an ambiguous spelling is refused with both readings.

import { OkrError } from "../domain/errors.js";
import { readNumber } from "../domain/values.js";

/** `what` names the value in the message, e.g. `"54,3"` or `--target "abc"`. */
export function readCliNumber(text: string, what = `"${text}"`): number {
  const read = readNumber(text);
  if (read === null) throw new OkrError("invalid_input", `${what} is not a number: write it like 53.4, 53,4, 1.2M or 1,200,000.`);
  if (read.ambiguous) {
    const asDecimal = readNumber(text, "cell")!.value;
    const pc = read.percent ? "%" : "";
    throw new OkrError("invalid_input", `${what} is ambiguous: ${read.value}${pc} (the dot groups thousands) or ${asDecimal}${pc} (a decimal point)? Type one of those.`);
  }
  return read.value;
}
