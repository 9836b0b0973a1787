/** What a source URL carries that only tells the publisher where a reader came from, and the URL without it. */
export interface Tracking {
  /** The tracking parameters' names, in the order the URL gives them. */
  names: string[];
  /** The same address with those parameters removed (and the `?` too when nothing is left). */
  clean: string;
}

// Campaign and referral tags that newspapers and their feeds append (Google's utm_*, the Guardian's intcmp,
// the Daily Mail's ico, ito and ns_*, feeds' ref) and the print view some blogs add; none of them picks the page.
const TRACKING = /^(?:utm_\w+|intcmp|ico|ito|ns_\w+|ref|fbclid|gclid|mc_cid|mc_eid)$/i;
const PRINT_VIEW = (name: string, value: string) => name === "print" && value === "print";

/** The tracking parameters in `url`'s query, or undefined when it has none (or is not a URL). */
export function trackingParameters(url: string): Tracking | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  const names = [...parsed.searchParams].filter(([name, value]) => TRACKING.test(name) || PRINT_VIEW(name, value)).map(([name]) => name);
  if (names.length === 0) return undefined;
  const kept = parsed.search
    .slice(1)
    .split("&")
    .filter((pair) => !names.includes(decodeURIComponent(pair.split("=")[0]!.replace(/\+/g, " "))));
  parsed.search = kept.length ? `?${kept.join("&")}` : "";
  return { names: [...new Set(names)], clean: parsed.href };
}
