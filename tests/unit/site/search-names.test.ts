import { describe, expect, it } from "vitest";
import { searchNamesJson } from "../../../src/site/search-names.ts";
import type { Archive } from "../../../src/types.ts";

const archive = {
  people: [
    { id: "lenin-moreno", name: "Lenín Moreno", aliases: ["Lenin Moreno", "President Moreno"], url: "/archive/people/lenin-moreno/" },
  ],
  topics: [{ id: "appeals", name: "Appeals", url: "/archive/topics/appeals/" }],
} as unknown as Archive;

describe("the names the search page offers", () => {
  it("lists each person's name and aliases and each topic's name, folded as the build folds names, once each, with their pages", () => {
    expect(JSON.parse(searchNamesJson(archive))).toEqual({
      names: [
        {
          name: "Lenín Moreno",
          url: "/archive/people/lenin-moreno/",
          kind: "person",
          terms: [
            ["lenin moreno", "Lenín Moreno"],
            ["president moreno", "President Moreno"],
          ],
        },
        { name: "Appeals", url: "/archive/topics/appeals/", kind: "topic", terms: [["appeals", "Appeals"]] },
      ],
    });
  });
});
