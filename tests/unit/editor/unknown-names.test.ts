import { describe, expect, it } from "vitest";
import { findMentions } from "../../../src/editor/mentions.ts";
import { unknownNames } from "../../../src/editor/unknown-names.ts";

const people = [{ id: "vanessa-baraitser", name: "Vanessa Baraitser", aliases: ["Baraitser"] }];
const names = (text: string) => unknownNames(text, findMentions(text, people)).map((n) => n.text);

describe("names that look like an unregistered person", () => {
  it("finds a full name that the text later uses by surname alone", () => {
    const text = "The statement was read by Tomas Lindqvist, who chairs the group. Lindqvist said they would return.";
    expect(unknownNames(text, [])).toEqual([{ text: "Tomas Lindqvist", index: 26 }]);
  });

  it("stays quiet about a name used only once, at the start of a sentence, or after the or a possessive", () => {
    expect(names("The letter was signed by Tomas Lindqvist.")).toEqual([]);
    expect(names("Tomas Lindqvist spoke. Lindqvist left.")).toEqual([]);
    expect(names("It went to the High Court and then Britain's Home Secretary. The Court agreed.")).toEqual([]);
  });

  it("stays quiet about titles, places, months and longer runs of capitals", () => {
    expect(names("It fell to Judge Lindqvist in New York in March. Lindqvist and York agreed.")).toEqual([]);
    expect(names("A report by Crown Prosecution Service staff followed. Service resumed.")).toEqual([]);
    expect(names("On Friday December was mentioned. December passed.")).toEqual([]);
  });

  it("stays quiet about registered people", () => {
    expect(names("Then Vanessa Baraitser ruled, and Baraitser gave reasons.")).toEqual([]);
  });
});
