import { describe, expect, it } from "vitest";
import { authorKeys, closest, editDistance, nameKey, personKeys, Registry } from "../../src/registry.ts";

const people = new Registry(
  [
    { id: "julian-assange", name: "Julian Assange", aliases: ["Assange"] },
    { id: "lenin-moreno", name: "Lenín Moreno", aliases: ["Moreno"] },
    { id: "stella-assange", name: "Stella Assange", aliases: ["Stella Moris"] },
  ],
  personKeys,
);

describe("people and topics registry", () => {
  it("finds a person by id, name or alias, in any case, with or without accents", () => {
    expect(people.find("julian-assange")?.id).toBe("julian-assange");
    expect(people.find("JULIAN ASSANGE")?.id).toBe("julian-assange");
    expect(people.find("Lenin Moreno")?.id).toBe("lenin-moreno");
    expect(people.find("stella moris")?.id).toBe("stella-assange");
    expect(people.find("Julian")).toBeUndefined();
  });

  it("suggests the closest entry for a typo, and nothing for a stranger", () => {
    expect(people.suggest("Julian Asange")?.name).toBe("Julian Assange");
    expect(people.suggest("Stela Morris")?.name).toBe("Stella Assange");
    expect(people.suggest("Nobody At All")).toBeUndefined();
  });

  it("counts a swap of two letters as one edit", () => {
    expect(editDistance("peopel", "people")).toBe(1);
    expect(closest("peopel", ["title", "people", "topic"], (k) => [k])).toBe("people");
    expect(nameKey("  Pfc. Bradley  Manning ")).toBe("pfc bradley manning");
  });
});

describe("authors registry", () => {
  const authors = new Registry(
    [
      { id: "casefile-desk", name: "Casefile desk" },
      { id: "renee-ecrivain", name: "Renée Écrivain" },
    ],
    authorKeys,
  );

  it("finds an author by id or name, in any case, with or without accents", () => {
    for (const text of ["casefile-desk", "Casefile Desk", "CASEFILE DESK", "renee ecrivain", "Renée Écrivain"]) expect(authors.find(text), text).toBeDefined();
    expect(authors.find("Renée Écrivain")?.id).toBe("renee-ecrivain");
  });

  it("suggests the closest author for a typo, and nothing for a stranger", () => {
    expect(authors.suggest("Casfile desk")?.id).toBe("casefile-desk");
    expect(authors.suggest("Julian Assange")).toBeUndefined();
  });
});
