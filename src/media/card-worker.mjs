// Draws one batch of social cards off the main thread, then exits (which frees resvg's memory); see drawCards in
// cards.ts. Plain JavaScript, as worker threads do not inherit tsx's loader; the SVG and resvg's options come
// ready-made from the main thread.
import { renameSync, writeFileSync } from "node:fs";
import { workerData } from "node:worker_threads";
import { Resvg } from "@resvg/resvg-js";

for (const { svg, options, file } of workerData.jobs) {
  const temporary = `${file}.${process.pid}-${workerData.id}.tmp`;
  writeFileSync(temporary, new Resvg(svg, options).render().asPng());
  renameSync(temporary, file);
}
