import { buildSite } from "../build.ts";
import { parseOptions, runAsScript } from "./command.ts";

/** `npm run build`: options in, the build's summary or report out, exit 0 only when the site was published. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseOptions({
    command: "build",
    usage: "[--content DIR] [--out DIR] [--pathprefix /path/] [--no-cache]",
    options: {
      content: { type: "string", default: "content" },
      out: { type: "string", default: "_site" },
      pathprefix: { type: "string" },
      // Validate every page, neither reading nor writing the cache of pages that passed before.
      "no-cache": { type: "boolean", default: false },
    },
  }, args);
  const outcome = await buildSite({
    content: values.content,
    out: values.out,
    ...(values.pathprefix === undefined ? {} : { pathPrefix: values.pathprefix }),
    cache: !values["no-cache"],
    // A terminal shows each stage as it starts; CI logs get the summary lines only.
    ...(process.stdout.isTTY ? { progress: (stage: string) => process.stdout.write(`  ${stage}…\n`) } : {}),
  });
  if (outcome.ok) process.stdout.write(outcome.summary);
  else process.stderr.write(outcome.message);
  return outcome.ok ? 0 : 1;
}

runAsScript(import.meta.url, main);
