// One hand of the site's pages, inspected off the main thread and sent back in batches; see inspectInParallel
// in checks.ts. Plain JavaScript because worker threads do not inherit tsx's loader: tsImport loads the TypeScript.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { inspectPages } = await tsImport("./checks.ts", import.meta.url);
const { siteDir, files, batch } = workerData;
// The hashes of pages that passed before, one a line; absent when the build runs without its cache.
const passed = typeof workerData.passed === "string" ? new Set(workerData.passed.split("\n").filter(Boolean)) : undefined;
for (let i = 0; i < files.length; i += batch) parentPort.postMessage({ pages: inspectPages(siteDir, files.slice(i, i + batch), passed) });
parentPort.postMessage({ done: true });
