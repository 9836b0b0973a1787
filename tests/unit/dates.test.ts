import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { lastModified, latestDate, machineDateTime, machineDay, monthLabel, parseSiteDate, timelineJsDate, todayIn } from "../../src/dates.ts";
import { projectRoot } from "../helpers.ts";

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

/** Every machine form of front-matter dates in a site zone: what feeds, JSON-LD, meta tags, the sitemap and timeline.json get. */
function machineForms(zone: string, texts: string[]) {
  return texts.map((text) => {
    const date = parseSiteDate(text, { zone, locale: "en-GB" })!;
    return { text, zone, dateTime: machineDateTime(date, zone), day: machineDay(date), timelineJs: timelineJsDate(date, zone) };
  });
}

const LONDON_DATES = ["2020-12-11", "2024-06-26", "2021-01-04T10:30:00Z", "2024-06-26T08:30:00+10:00", "2022-07-01T23:30"];
const NEW_YORK_DATES = ["2020-12-11", "2024-06-26", "2024-06-26T02:00:00Z"];

describe("machine-readable dates", () => {
  it("write a calendar date as that day at midnight with the site's offset, in winter and in summer", () => {
    const [winter, summer] = machineForms("Europe/London", ["2020-12-11", "2024-06-26"]);
    expect(winter).toMatchObject({ dateTime: "2020-12-11T00:00:00+00:00", day: "2020-12-11", timelineJs: { year: "2020", month: "12", day: "11" } });
    expect(summer).toMatchObject({ dateTime: "2024-06-26T00:00:00+01:00", day: "2024-06-26", timelineJs: { year: "2024", month: "6", day: "26" } });
    expect(summer!.timelineJs).not.toHaveProperty("hour");
  });

  it("keep an instant's moment, written with the site's offset and filed under its day in the site zone", () => {
    const [utc, saipan, local] = machineForms("Europe/London", ["2021-01-04T10:30:00Z", "2024-06-26T08:30:00+10:00", "2022-07-01T23:30"]);
    expect(utc).toMatchObject({ dateTime: "2021-01-04T10:30:00+00:00", day: "2021-01-04", timelineJs: { day: "4", hour: "10", minute: "30" } });
    expect(saipan).toMatchObject({ dateTime: "2024-06-25T23:30:00+01:00", day: "2024-06-25", timelineJs: { month: "6", day: "25", hour: "23", minute: "30" } });
    expect(local).toMatchObject({ dateTime: "2022-07-01T23:30:00+01:00", day: "2022-07-01" });
  });

  it("keep the written day for a site west of UTC, where midnight is the evening before in UTC", () => {
    const [winter, summer, instant] = machineForms("America/New_York", NEW_YORK_DATES);
    expect(winter).toMatchObject({ dateTime: "2020-12-11T00:00:00-05:00", day: "2020-12-11" });
    expect(summer).toMatchObject({ dateTime: "2024-06-26T00:00:00-04:00", day: "2024-06-26", timelineJs: { day: "26" } });
    expect(instant).toMatchObject({ dateTime: "2024-06-25T22:00:00-04:00", day: "2024-06-25", timelineJs: { day: "25", hour: "22", minute: "0" } });
    expect(machineForms("Asia/Kolkata", ["2024-06-26"])[0]!.dateTime).toBe("2024-06-26T00:00:00+05:30");
  });

  it("are the same whatever the machine's time zone (TZ), east or west of the site", async () => {
    const expected = { london: machineForms("Europe/London", LONDON_DATES), newYork: machineForms("America/New_York", NEW_YORK_DATES) };
    const zones = { UTC: 0, "America/Los_Angeles": 420, "Pacific/Kiritimati": -840 };
    // A fresh process works the same forms out under each machine zone in turn (Node applies a changed TZ at once).
    const code = `
      import { machineDateTime, machineDay, parseSiteDate, timelineJsDate } from ${JSON.stringify(join(projectRoot, "src/dates.ts"))};
      const forms = (zone, texts) => texts.map((text) => {
        const date = parseSiteDate(text, { zone, locale: "en-GB" });
        return { text, zone, dateTime: machineDateTime(date, zone), day: machineDay(date), timelineJs: timelineJsDate(date, zone) };
      });
      console.log(JSON.stringify(${JSON.stringify(Object.keys(zones))}.map((tz) => {
        process.env.TZ = tz;
        return {
          machineOffset: new Date(2024, 5, 26).getTimezoneOffset(),
          london: forms("Europe/London", ${JSON.stringify(LONDON_DATES)}),
          newYork: forms("America/New_York", ${JSON.stringify(NEW_YORK_DATES)}),
        };
      })));`;
    const { stdout } = await promisify(execFile)(join(projectRoot, "node_modules/.bin/tsx"), ["--eval", code]);
    const runs = JSON.parse(stdout) as { machineOffset: number; london: unknown; newYork: unknown }[];
    expect(runs.map((r) => r.machineOffset)).toEqual(Object.values(zones));
    for (const run of runs) expect({ london: run.london, newYork: run.newYork }).toEqual(expected);
  });

  it("take an article's last change from its updated date, or else its date, and the latest of several by moment", () => {
    const d = (text: string) => parseSiteDate(text, { zone: "Europe/London", locale: "en-GB" })!;
    expect(lastModified({ date: d("2021-01-04"), updated: d("2021-01-06") }).day).toBe(6);
    expect(lastModified({ date: d("2021-01-04") }).day).toBe(4);
    expect(latestDate([d("2024-06-26T08:30:00+10:00"), d("2024-06-26"), d("2020-01-01")])!.datetime).toBe("2024-06-26");
    expect(latestDate([])).toBeUndefined();
  });
});
