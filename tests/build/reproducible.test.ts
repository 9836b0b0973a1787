import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fixtureProject, projectRoot, runBuild, treeHashes } from "../helpers.ts";

describe("the same content builds to the same bytes", () => {
  it("whatever the machine's time zone and locale", () => {
    const builds = [
      { TZ: "America/Los_Angeles", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" },
      { TZ: "UTC", LANG: "C", LC_ALL: "C" },
      { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
    ].map((env) => {
      const run = runBuild(fixtureProject("valid-archive"), env);
      expect(run.status, run.stderr).toBe(0);
      return treeHashes(join(run.dir, "_site"));
    });
    expect(Object.keys(builds[0]!)).toContain("2024/06/25/plea-in-saipan/index.html");
    expect(builds[1]).toEqual(builds[0]);
    expect(builds[2]).toEqual(builds[0]);
  });
});

describe("the production build and the dev server", () => {
  it("write the same bytes for every page, though the build writes article pages without Eleventy", () => {
    const dir = fixtureProject("valid-archive");
    expect(runBuild(dir).status).toBe(0);
    const eleventyOut = join(dir, "eleventy-only");
    const run = spawnSync(join(projectRoot, "node_modules/.bin/tsx"), ["node_modules/@11ty/eleventy/cmd.cjs", "--config=.eleventy.ts", `--output=${eleventyOut}`, "--quiet"], {
      cwd: projectRoot,
      encoding: "utf8",
      env: { ...process.env, CASEFILE_CONTENT: join(dir, "content") },
    });
    expect(run.status, run.stderr).toBe(0);
    const built = Object.fromEntries(Object.entries(treeHashes(join(dir, "_site"))).filter(([file]) => !file.startsWith("pagefind/")));
    expect(treeHashes(eleventyOut)).toEqual(built);
    expect(Object.keys(built)).toContain("2020/02/24/hearing-opens/index.html");
  });
});
