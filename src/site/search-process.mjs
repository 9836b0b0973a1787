// The search index's own process (see `SearchIndexer` in search-index.ts). Pagefind's service runs as this process's only
// child, so what Pagefind prints (a panic on a full disk, say) reaches the build on a pipe rather than the
// terminal, and a Pagefind that stops is noticed (SIGCHLD) instead of leaving its caller waiting for an answer
// that never comes. Plain JavaScript, importing nothing of the project: it starts fast and needs no loader.
import { setPriority } from "node:os";
import * as pagefind from "pagefind";

// The preview indexes at the lowest priority: Pagefind, started from this thread below, inherits it, so an edit's
// update never waits for a core. The build passes 0.
const priority = Number(process.argv[2] ?? 0);
if (priority) setPriority(priority);

let index;
let closing = false;

process.on("SIGCHLD", () => {
  // Pagefind stopped while it was still wanted: say so by exiting; the parent words it from Pagefind's stderr.
  if (!closing) process.exit(70);
});

process.on("disconnect", () => {
  closing = true;
  void pagefind.close().finally(() => process.exit(0));
});

// Pagefind's service is started now, while the caller still reads the archive, not with the first part.
// A Pagefind that fails to start is noticed by the SIGCHLD above.
void pagefind
  .createIndex()
  .then((warm) => warm.index?.deleteIndex())
  .catch(() => undefined);

// One request at a time, each answered with the errors Pagefind reported (none, mostly): the parent waits for the
// answer before it sends more. Pagefind's library throws only when its service is gone ("Pagefind backend
// closed"), which may be noticed before the SIGCHLD: this process stops alike, and the parent reads why.
process.on("message", (request) => {
  answer(request).then(
    (errors) => process.send?.({ errors }),
    () => process.exit(70),
  );
});

async function answer(request) {
  if (request.language !== undefined) {
    const created = await pagefind.createIndex({ forceLanguage: request.language });
    index = created.index;
    return index ? [] : [`Pagefind could not start: ${created.errors.join("; ")}`];
  }
  if (request.records !== undefined) {
    const added = await Promise.all(request.records.map((record) => index.addCustomRecord(record)));
    return added.flatMap((result, k) => result.errors.map((e) => `Pagefind could not index ${request.records[k].url}: ${e}`));
  }
  const written = await index.writeFiles({ outputPath: request.outputPath });
  // Frees this part in Pagefind's process before the next one is built.
  await index.deleteIndex();
  index = undefined;
  return written.errors.map((e) => `Pagefind could not write its index: ${e}`);
}
