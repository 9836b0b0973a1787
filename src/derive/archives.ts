import { monthLabel, pad2 } from "../dates.ts";
import { joinUrl } from "../urls.ts";
import type { Article, MonthArchive, YearArchive } from "../types.ts";

/** Year and month archive pages (/YYYY/ and /YYYY/MM/) for a chronology, dates in the site zone. */
export function dateArchives(articles: readonly Article[], basePath: string, locale: string): YearArchive[] {
  const years: YearArchive[] = [];
  for (const article of articles) {
    const { year, month } = article.date;
    let y = years.at(-1);
    if (y?.year !== year) {
      const path = `/${year}/`;
      y = { year, path, url: joinUrl(basePath, path), months: [], articles: [] };
      years.push(y);
    }
    let m: MonthArchive | undefined = y.months.at(-1);
    if (m?.month !== month) {
      const path = `/${year}/${pad2(month)}/`;
      m = { year, month, label: monthLabel(year, month, locale), path, url: joinUrl(basePath, path), articles: [] };
      y.months.push(m);
    }
    y.articles.push(article);
    m.articles.push(article);
  }
  return years;
}
