import { DateTime, IANAZone } from "luxon";
import type { SiteDate } from "./types.ts";

// Dates are read from the text exactly as written, so YAML can never roll 2020-13-45 over into 2021.
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** What the date fields accept, for error messages. */
export const DATE_EXPECTED = "YYYY-MM-DD or an ISO 8601 date-time";

/** Where dates are resolved and how they are shown: the site's zone and language. */
export interface DateContext {
  zone: string;
  locale: string;
}

/**
 * Parses a front-matter date as written. "2020-12-11" is that calendar day in the site zone; a date-time
 * with an offset is an instant shown in the site zone; one without an offset is read in the site zone.
 * Returns null for anything else, including impossible dates such as 2020-02-30.
 */
export function parseSiteDate(text: string, ctx: DateContext): SiteDate | null {
  const trimmed = text.trim();
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number) as [number, number, number];
    const dt = DateTime.fromObject({ year, month, day }, { zone: ctx.zone });
    if (!dt.isValid || dt.year !== year || dt.month !== month || dt.day !== day) return null;
    return toSiteDate(dt, ctx, false, trimmed);
  }
  if (!DATE_TIME.test(trimmed)) return null;
  const iso = trimmed.replace(" ", "T");
  const dt = HAS_OFFSET.test(iso)
    ? DateTime.fromISO(iso, { setZone: true }).setZone(ctx.zone)
    : DateTime.fromISO(iso, { zone: ctx.zone });
  if (!dt.isValid) return null;
  return toSiteDate(dt, ctx, true, dt.toISO({ suppressMilliseconds: true }) ?? iso);
}

function toSiteDate(dt: DateTime, ctx: DateContext, hasTime: boolean, datetime: string): SiteDate {
  return {
    datetime,
    display: dt.setLocale(ctx.locale).toFormat("d MMMM yyyy"),
    year: dt.year,
    month: dt.month,
    day: dt.day,
    epochMs: dt.toMillis(),
    hasTime,
  };
}

/** Today's calendar date in `zone` as YYYY-MM-DD (`now` is injectable for tests): what a new article is dated by default. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? "";
}

/** "December 2020" in the site language. */
export function monthLabel(year: number, month: number, locale: string): string {
  return DateTime.fromObject({ year, month, day: 1 }, { zone: "UTC", locale }).toFormat("MMMM yyyy");
}

/** True for a zone name luxon (and so Intl) knows, such as "Europe/London". */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * A date for machines that take a date-time (Atom, JSON Feed, JSON-LD, Open Graph): ISO 8601 with the offset
 * the site zone has at that moment. A calendar date is its midnight in the site zone ("2024-06-26T00:00:00+01:00"
 * in London in June), so every reader sees the day the editor wrote; an instant keeps its moment. The machine's
 * own zone plays no part.
 */
export function machineDateTime(date: Pick<SiteDate, "epochMs">, zone: string): string {
  return DateTime.fromMillis(date.epochMs, { zone }).toISO({ suppressMilliseconds: true }) ?? "";
}

/** The calendar day of a date in the site zone, "2024-06-26", for formats that take a day (sitemap `lastmod`, tag URIs). */
export function machineDay(date: Pick<SiteDate, "year" | "month" | "day">): string {
  return `${String(date.year).padStart(4, "0")}-${pad2(date.month)}-${pad2(date.day)}`;
}

/**
 * A date as TimelineJS3 takes it, as strings: the calendar day in the site zone, and for an instant also the
 * hour and minute there, so events on one day keep their order.
 */
export function timelineJsDate(date: SiteDate, zone: string): { year: string; month: string; day: string; hour?: string; minute?: string } {
  const parts = { year: String(date.year), month: String(date.month), day: String(date.day) };
  if (!date.hasTime) return parts;
  const dt = DateTime.fromMillis(date.epochMs, { zone });
  return { ...parts, hour: String(dt.hour), minute: String(dt.minute) };
}

/** When an article last changed: its `updated` date, or its date. */
export function lastModified(article: { date: SiteDate; updated?: SiteDate | undefined }): SiteDate {
  return article.updated ?? article.date;
}

/** The latest of some dates by moment (the first of equal ones), or undefined for none. */
export function latestDate(dates: Iterable<SiteDate>): SiteDate | undefined {
  let latest: SiteDate | undefined;
  for (const d of dates) if (!latest || d.epochMs > latest.epochMs) latest = d;
  return latest;
}

/** Two-digit form used in URLs ("07"). */
export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}
