import { timelineJs } from "../src/site/timelinejs.ts";
import type { PageData } from "./_includes/layout.ts";


export function render(d: PageData): Buffer {
  return timelineJs(d.archive);
}
