/** Joins the site's base path ("/" or "/archive/") and a site path ("/topics/x/"): the link a page writes. */
export function joinUrl(basePath: string, path: string): string {
  return basePath.replace(/\/$/, "") + path;
}

/** The absolute URL of a site path ("/topics/x/") on a site whose url is `siteUrl` (its base path included). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ""), siteUrl).href;
}
