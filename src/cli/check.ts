import { resolve } from "node:path";
import { readContent } from "../content/read.ts";
import { formatReport, printableJson, sortProblems } from "../content/problems.ts";
import { registryHints } from "../editor/registry-report.ts";
import { loadArchive, summaryLine } from "../index.ts";
import { parseOptions, runAsScript } from "./command.ts";

/**
 * `npm run check`: validate all content without rendering; same report and exit code as the build.
 * Once content is valid, hints (unused registry entries, unregistered names, tracking parameters in sources, photos
 * in a body without a credit) come
 * before the summary line; they never change the exit code.
 */
export async function main(args: string[]): Promise<number> {
  const { values } = parseOptions(
    { command: "check", usage: "[--content DIR] [--json]", options: { content: { type: "string", default: "content" }, json: { type: "boolean", default: false } } },
    args,
  );
  // Read once: validation and the hints look at the same bytes.
  const files = readContent(resolve(values.content));
  const result = await loadArchive(values.content, { drafts: true, files, renderBodies: false });
  const hints = result.archive ? sortProblems([...result.hints, ...registryHints(files, result.archive)]) : [];
  if (values.json) {
    process.stdout.write(`${printableJson({ ok: result.problems.length === 0, counts: result.counts, problems: result.problems, hints }, 2)}\n`);
  } else if (result.problems.length) {
    process.stderr.write(`${formatReport(result.problems)}\n`);
  } else {
    if (hints.length) process.stdout.write(`${formatReport(hints, "hint")}\n`);
    process.stdout.write(`${summaryLine(result.counts)}\n`);
  }
  return result.problems.length ? 1 : 0;
}

runAsScript(import.meta.url, main);
