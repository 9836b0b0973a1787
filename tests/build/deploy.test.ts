import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../helpers.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches: string[] }; pull_request?: unknown };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(join(projectRoot, ".github/workflows/deploy.yml"), "utf8")) as Workflow;
const build = workflow.jobs.build!;
const deploy = workflow.jobs.deploy!;
/** What a step does, without its version or arguments: "actions/checkout", "npm ci" or "npm run build". */
const action = (s: Step) => s.uses?.replace(/@.*$/, "") ?? s.run?.replace(/ -- .*$/, "");
const onlyOn = (event: string) => (s: Step) => s.if === undefined || s.if === `github.event_name == '${event}'`;

describe("the GitHub workflow", () => {
  it("runs on pushes to main and on pull requests", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    expect(workflow.on.push!.branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("on main: installs, tests and builds with Node 24, the npm cache and the validation cache, then publishes _site/ to GitHub Pages", () => {
    const steps = [...build.steps.filter(onlyOn("push")), ...deploy.steps];
    expect(steps.map(action)).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "npm test",
      "actions/cache",
      "actions/configure-pages",
      "npm run build",
      "actions/upload-pages-artifact",
      "actions/deploy-pages",
    ]);
    expect(build.steps[1]!.with).toEqual({ "node-version": 24, cache: "npm" });
    expect(build.steps.find((s) => action(s) === "actions/cache")!.with).toEqual({
      path: ".cache/casefile",
      key: "casefile-validated-pages-${{ hashFiles('package-lock.json') }}-${{ github.run_id }}-${{ github.run_attempt }}",
      "restore-keys": "casefile-validated-pages-${{ hashFiles('package-lock.json') }}-\ncasefile-validated-pages-\n",
    });
    expect(build.steps.find((s) => action(s) === "actions/upload-pages-artifact")!.with).toEqual({ path: "_site" });
    expect(deploy.if).toBe("github.event_name == 'push'");
    expect(deploy.needs).toBe("build");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.environment).toEqual({ name: "github-pages", url: "${{ steps.deployment.outputs.page_url }}" });
    expect(deploy.steps[0]!.id).toBe("deployment");
    expect(deploy.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
  });

  it("builds for the address configure-pages gives, on a user site and a project site alike, and for site.yaml's url on pull requests", () => {
    const pages = build.steps.find((s) => action(s) === "actions/configure-pages")!;
    const buildStep = build.steps.find((s) => action(s) === "npm run build")!;
    expect(pages.id).toBe("pages");
    expect(buildStep.env).toEqual({ PAGES_URL: "${{ steps.pages.outputs.base_url }}" });
    // The run line as the runner's bash expands it: the build's arguments for each base_url configure-pages may give.
    // The runner's default shell for a step is `bash --noprofile --norc -eo pipefail`; without --norc, a bash whose
    // input is a socket (as Node.js gives a child) reads ~/.bashrc, which on a developer's machine can take seconds.
    const argsFor = (pagesUrl: string) =>
      spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", `npm() { printf '%s\\n' "$@"; }\n${buildStep.run}`], {
        encoding: "utf8",
        env: { PATH: process.env.PATH, PAGES_URL: pagesUrl },
      })
        .stdout.trim()
        .split("\n");
    expect(argsFor("https://user.github.io")).toEqual(["run", "build", "--", "--url", "https://user.github.io"]);
    expect(argsFor("https://user.github.io/repo")).toEqual(["run", "build", "--", "--url", "https://user.github.io/repo"]);
    expect(argsFor("")).toEqual(["run", "build", "--"]);
  });

  it("on pull requests: tests and builds only, and keeps the built site as an artifact", () => {
    expect(build.steps.filter(onlyOn("pull_request")).map(action)).toEqual([
      "actions/checkout",
      "actions/setup-node",
      "npm ci",
      "npm test",
      "actions/cache",
      "npm run build",
      "actions/upload-artifact",
    ]);
    expect(build.steps.find((s) => action(s) === "actions/upload-artifact")!.with).toMatchObject({ path: "_site" });
    expect(build.permissions).not.toHaveProperty("id-token");
    expect(build.permissions?.pages).not.toBe("write");
  });
});

describe("netlify.toml", () => {
  const toml = readFileSync(join(projectRoot, "netlify.toml"), "utf8");

  it("builds with npm run build and publishes _site with Node 24", () => {
    expect(/^\s*command\s*=\s*"([^"]*)"/m.exec(toml)?.[1]).toBe("npm run build");
    expect(/^\s*publish\s*=\s*"([^"]*)"/m.exec(toml)?.[1]).toBe("_site");
    expect(/^\s*NODE_VERSION\s*=\s*"([^"]*)"/m.exec(toml)?.[1]).toBe("24");
  });
});

type Version = [number, number, number];

/** Whether `version` satisfies an npm engines range of the forms packages use: `^22.12`, `>= 24.0.0`, `14 >=14.17`, joined by `||`. */
function satisfies(version: Version, range: string): boolean {
  return range.split("||").some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|\^)\s+/g, "$1")
      .split(/\s+/)
      .every((comparator) => {
        const m = /^(\^|>=)?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(comparator);
        if (!m) throw new Error(`cannot read the engines range ${JSON.stringify(range)}`);
        const min = [m[2], m[3] ?? 0, m[4] ?? 0].map(Number) as Version;
        const order = version[0] - min[0] || version[1] - min[1] || version[2] - min[2];
        if (m[1] === ">=") return order >= 0;
        if (m[1] === "^") return order >= 0 && version[0] === min[0];
        return version[0] === min[0] && (m[3] === undefined || version[1] === min[1]);
      }),
  );
}

describe("the supported Node.js versions", () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(projectRoot, "package-lock.json"), "utf8")) as {
    packages: Record<string, { engines?: { node?: string }; optional?: boolean; os?: string[]; cpu?: string[] }>;
  };
  // npm ci installs an optional platform package (sharp's binaries) only on its own os and cpu.
  const installedHere = ([, entry]: [string, { optional?: boolean; os?: string[]; cpu?: string[] }]) =>
    !entry.optional || ((entry.os ?? [process.platform]).includes(process.platform) && (entry.cpu ?? [process.arch]).includes(process.arch));
  // The oldest version of each supported line, as package.json's engines give it: "^22.22.0 || >=24.8.0".
  const oldest = pkg.engines.node.split("||").map((range) => /(\d+)\.(\d+)\.(\d+)/.exec(range)!.slice(1).map(Number) as Version);

  it("are the LTS lines 22 and 24, and every installed package accepts the oldest of each, so npm ci warns of no engine", () => {
    expect(oldest.map((v) => v[0])).toEqual([22, 24]);
    const refused = Object.entries(lock.packages).filter(installedHere).flatMap(([name, entry]) =>
      oldest.filter((v) => entry.engines?.node !== undefined && !satisfies(v, entry.engines.node)).map((v) => `${name || "casefile"} needs ${entry.engines!.node}, not ${v.join(".")}`),
    );
    expect(refused).toEqual([]);
  });

  it("are what CI runs: Node 24 to deploy and in .ci/run, Node 22 in its own workflow", () => {
    const node22 = parse(readFileSync(join(projectRoot, ".github/workflows/node-22.yml"), "utf8")) as Workflow;
    expect(node22.jobs.test!.steps.map(action)).toEqual(["actions/checkout", "actions/setup-node", "npm ci", "npm test"]);
    expect(node22.jobs.test!.steps[1]!.with).toEqual({ "node-version": 22, cache: "npm" });
    expect(/^NODE_LINE=(\d+)$/m.exec(readFileSync(join(projectRoot, ".ci/run"), "utf8"))?.[1]).toBe("24");
  });
});
