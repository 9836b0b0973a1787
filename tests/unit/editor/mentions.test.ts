import { describe, expect, it } from "vitest";
import { findMentions, firstMentions } from "../../../src/editor/mentions.ts";

const people = [
  { id: "julian-assange", name: "Julian Assange", aliases: ["Assange", "the WikiLeaks founder"] },
  { id: "stella-assange", name: "Stella Assange", aliases: ["Stella Moris", "Mrs Assange"] },
  { id: "marianne-ny", name: "Marianne Ny", aliases: ["Ny"] },
  { id: "lenin-moreno", name: "Lenín Moreno", aliases: ["Moreno"] },
];

const found = (text: string) => firstMentions(text, people).map((m) => [m.person.id, m.text]);

describe("people named in a text", () => {
  it("lists each person once, by the first name or alias used, in the order the text first names them", () => {
    expect(found("Stella Moris spoke first. Later Assange's lawyers, and Assange himself, met Marianne Ny.")).toEqual([
      ["stella-assange", "Stella Moris"],
      ["julian-assange", "Assange"],
      ["marianne-ny", "Marianne Ny"],
    ]);
  });

  it("gives a longer name priority over a short alias inside it", () => {
    expect(found("Stella Assange and Mrs Assange are one person.")).toEqual([["stella-assange", "Stella Assange"]]);
  });

  it("matches one-word aliases case and all, so the state abbreviation NY is not Marianne Ny", () => {
    expect(found("The rally moved on to Albany, NY, and then to ny.")).toEqual([]);
    expect(found("Ny declined to comment.")).toEqual([["marianne-ny", "Ny"]]);
  });

  it("matches whole words only", () => {
    expect(found("Nyberg and Assangeism are not names in the registry; nor is Morenos.")).toEqual([]);
  });

  it("ignores case in longer forms, and accents everywhere", () => {
    expect(found("The WikiLeaks founder met Lenin Moreno, and later LENÍN MORENO.")).toEqual([
      ["julian-assange", "The WikiLeaks founder"],
      ["lenin-moreno", "Lenin Moreno"],
    ]);
  });

  it("finds a name split across a line break, and gives its offset in the text as written", () => {
    const text = "Café talk: Julian\nAssange arrived.";
    expect(findMentions(text, people)).toEqual([{ person: people[0], text: "Julian\nAssange", index: 11 }]);
  });
});
