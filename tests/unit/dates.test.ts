import { describe, expect, it } from "vitest";
import { monthLabel, parseSiteDate, todayIn } from "../../src/dates.ts";

const london = { zone: "Europe/London", locale: "en-GB" };

describe("front-matter dates", () => {
  it("reads YYYY-MM-DD as that calendar day in the site zone", () => {
    const d = parseSiteDate("2020-12-11", london)!;
    expect(d).toMatchObject({ datetime: "2020-12-11", display: "11 December 2020", year: 2020, month: 12, day: 11, hasTime: false });
    expect(new Date(d.epochMs).toISOString()).toBe("2020-12-11T00:00:00.000Z");
  });

  it("keeps a summer calendar date on its day even though London is an hour ahead of UTC", () => {
    const d = parseSiteDate("2024-06-26", london)!;
    expect(d.day).toBe(26);
    expect(new Date(d.epochMs).toISOString()).toBe("2024-06-25T23:00:00.000Z");
  });

  it("shows an instant with an offset in the site zone", () => {
    const d = parseSiteDate("2024-06-26T08:30:00+10:00", london)!;
    expect(d).toMatchObject({ datetime: "2024-06-25T23:30:00+01:00", display: "25 June 2024", day: 25, hasTime: true });
    expect(parseSiteDate("2024-06-26T08:30:00+10:00", { zone: "Pacific/Saipan", locale: "en-GB" })!.day).toBe(26);
  });

  it("reads a date-time without an offset in the site zone, with T or a space", () => {
    expect(parseSiteDate("2022-07-01T23:30", london)!.datetime).toBe("2022-07-01T23:30:00+01:00");
    expect(parseSiteDate("2022-07-01 23:30:15", london)!.datetime).toBe("2022-07-01T23:30:15+01:00");
    expect(parseSiteDate("2021-01-04T10:30:00Z", london)!.datetime).toBe("2021-01-04T10:30:00+00:00");
  });

  it.each(["2020-13-45", "2020-02-30", "2021-02-29", "yesterday", "2020-1-5", "2020-12", "2020-W01", "11/12/2020", "2020-12-11T25:00", ""])(
    "refuses %j instead of rolling it over",
    (text) => {
      expect(parseSiteDate(text, london)).toBeNull();
    },
  );

  it("accepts 29 February in a leap year", () => {
    expect(parseSiteDate("2024-02-29", london)!.display).toBe("29 February 2024");
  });

  it("formats in the site language, not the machine's", () => {
    expect(parseSiteDate("2020-12-11", { zone: "Europe/Berlin", locale: "de-DE" })!.display).toBe("11 Dezember 2020");
    expect(monthLabel(2020, 12, "en-GB")).toBe("December 2020");
  });

  it("knows which day it is in the site zone, whatever the machine's zone", () => {
    const lateEvening = new Date("2020-12-10T23:30:00Z");
    expect(todayIn("Europe/London", lateEvening)).toBe("2020-12-10");
    expect(todayIn("Australia/Sydney", lateEvening)).toBe("2020-12-11");
    expect(todayIn("America/Los_Angeles", new Date("2020-12-11T03:00:00Z"))).toBe("2020-12-10");
  });
});
