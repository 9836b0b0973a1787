// One slice of the site's pages, inspected off the main thread; see inspectInParallel in checks.ts.
// Plain JavaScript because worker threads do not inherit tsx's loader: tsImport loads the TypeScript.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { inspectPages } = await tsImport("./checks.ts", import.meta.url);
parentPort.postMessage(inspectPages(workerData.siteDir, workerData.files));
