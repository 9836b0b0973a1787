import { timelineJsDate } from "../dates.ts";
import { escapeHtml } from "../html.ts";
import type { Archive } from "../types.ts";
import { absoluteUrl } from "../urls.ts";

/**
 * The whole case in TimelineJS3's JSON format: one event per article, grouped by topic; milestones are
 * flagged (`milestone: true`, which TimelineJS ignores) and given a background colour TimelineJS shows.
 * TimelineJS treats headline and text as HTML, so both are escaped here.
 */
export function timelineJs(archive: Archive): string {
  const { site } = archive;
  const data = {
    title: { text: { headline: escapeHtml(site.case.name), text: escapeHtml(site.case.summary) } },
    events: archive.articles.map((a) => ({
      unique_id: a.path.replace(/^\/|\/$/g, "").replace(/\//g, "-"),
      start_date: { ...timelineJsDate(a.date, site.timezone), display_date: a.date.display },
      text: {
        headline: escapeHtml(a.title),
        text: `${escapeHtml(a.summary)} <a href="${escapeHtml(absoluteUrl(site.url, a.path))}">Read the article</a>`,
      },
      group: a.topic.name,
      milestone: a.milestone,
      ...(a.milestone ? { background: { color: "#8a1c1c" } } : {}),
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
