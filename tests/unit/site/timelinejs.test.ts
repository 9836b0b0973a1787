import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadArchive } from "../../../src/index.ts";
import { timelineJs } from "../../../src/site/timelinejs.ts";
import type { Archive } from "../../../src/types.ts";
import { fixtureProject } from "../../helpers.ts";

interface TimelineEvent {
  text: { headline: string };
  start_date: { year: string; month: string; day: string };
  media: { credit?: string };
}
const events = (archive: Archive) => (JSON.parse(timelineJs(archive).toString("utf8")) as { events: TimelineEvent[] }).events;

describe("timeline.json for TimelineJS", () => {
  it("shows an article's new title, date or site name even when the preview changes the article or the site in place", async () => {
    const dir = fixtureProject("valid-archive");
    const { archive } = await loadArchive(join(dir, "content"), { cwd: dir });
    const first = events(archive!);
    const article = archive!.articles[0]!;
    article.title = "A title changed in place";
    expect(events(archive!)[0]!.text.headline).toBe("A title changed in place");
    article.date = { ...article.date, year: 2001 };
    expect(events(archive!)[0]!.start_date.year).toBe("2001");
    const renamed = { ...archive!, site: { ...archive!.site, title: "Another site name" } };
    expect(events(renamed).map((e) => e.media.credit)).toContain("Another site name");
    // Every other event is as it was.
    expect(events(archive!).slice(1)).toEqual(first.slice(1));
  });
});
