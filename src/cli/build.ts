import { buildSite } from "../build.ts";
import { printable } from "../content/problems.ts";
import { pathPrefixFault } from "../content/settings.ts";
import { parseOptions, runAsScript } from "./command.ts";

/** `npm run build`: options in, the build's summary or report out, exit 0 only when the site was published. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseOptions({
    command: "build",
    usage: "[--content DIR] [--out DIR] [--url ADDRESS] [--pathprefix /path/] [--no-cache] [--allow-empty]",
    options: {
      content: { type: "string", default: "content" },
      out: { type: "string", default: "_site" },
      // The site's address, when it is not site.yaml's url: the GitHub Pages workflow passes configure-pages' base_url.
      url: { type: "string" },
      pathprefix: { type: "string" },
      // Validate every page, neither reading nor writing the cache of pages that passed before.
      "no-cache": { type: "boolean", default: false },
      // Publish an archive with no articles over a site that has some.
      "allow-empty": { type: "boolean", default: false },
    },
  }, args);
  // One clear line for a prefix that is not a sub-folder, instead of a build whose every link fails the check.
  const prefixFault = values.pathprefix === undefined ? undefined : pathPrefixFault(values.pathprefix);
  if (prefixFault) {
    process.stderr.write(`${printable(`--pathprefix: ${prefixFault}`)}\nNothing was built.\n`);
    return 2;
  }
  const outcome = await buildSite({
    content: values.content,
    out: values.out,
    url: values.url,
    pathPrefix: values.pathprefix,
    cache: !values["no-cache"],
    allowEmpty: values["allow-empty"],
    // A terminal shows each stage as it starts; CI logs get the summary lines only.
    ...(process.stdout.isTTY ? { progress: (stage: string) => process.stdout.write(`  ${stage}…\n`) } : {}),
  });
  if (outcome.ok) {
    for (const warning of outcome.warnings) process.stderr.write(`${warning}\n`);
    process.stdout.write(outcome.summary);
  } else process.stderr.write(outcome.message);
  return outcome.ok ? 0 : 1;
}

runAsScript(import.meta.url, main);
