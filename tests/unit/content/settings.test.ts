import { describe, expect, it } from "vitest";
import { pathPrefixFault, withPathPrefix } from "../../../src/content/settings.ts";
import type { SiteConfig } from "../../../src/types.ts";

describe("the sub-folder a site is served from (--pathprefix)", () => {
  it("accepts sub-folders, with or without slashes, and the root", () => {
    for (const prefix of ["/archive/", "archive", "/cases/assange-2024/", "a.b_c~d", "", "/"]) expect(pathPrefixFault(prefix), prefix).toBeUndefined();
    const site = { url: "https://e.test/", basePath: "/" } as SiteConfig;
    expect(withPathPrefix(site, "cases/assange/")).toMatchObject({ basePath: "/cases/assange/", url: "https://e.test/cases/assange/" });
  });

  it("refuses a prefix that climbs out, has empty parts or characters a folder name in a URL should not have", () => {
    expect(pathPrefixFault("../../")).toBe(
      '"../../" is not a sub-folder: "..", "." and empty parts between slashes are not allowed (expected a path such as /archive/ or /cases/assange/)',
    );
    for (const prefix of ["/archive/../x", "./archive", "a//b", "/a/./b/"]) expect(pathPrefixFault(prefix), prefix).toMatch(/is not a sub-folder/);
    for (const prefix of ["a b", "a\\b", "a?b", "a#b", "%2e%2e", "archív", "a\nb"]) expect(pathPrefixFault(prefix), prefix).toMatch(/has characters other than/);
  });
});
