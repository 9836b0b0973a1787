import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { drawsOwnCards, fixtureProject, runBuild, treeHashes } from "../helpers.ts";

describe("the same content builds to the same bytes", () => {
  it("whatever the machine's time zone and locale", () => {
    const builds = [
      { TZ: "America/Los_Angeles", LANG: "en_US.UTF-8", LC_ALL: "en_US.UTF-8" },
      { TZ: "UTC", LANG: "C", LC_ALL: "C" },
      { TZ: "Pacific/Kiritimati", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
    ].map((env) => {
      // Each build draws its own social cards, in its own zone and locale: none is lent from other builds.
      const run = runBuild(drawsOwnCards(fixtureProject("valid-archive")), env);
      expect(run.status, run.stderr).toBe(0);
      return treeHashes(join(run.dir, "_site"));
    });
    expect(Object.keys(builds[0]!)).toContain("2024/06/25/plea-in-saipan/index.html");
    expect(builds[1]).toEqual(builds[0]);
    expect(builds[2]).toEqual(builds[0]);
  });
});
