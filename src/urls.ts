/** Joins the site's base path ("/" or "/archive/") and a site path ("/topics/x/"): the link a page writes. */
export function joinUrl(basePath: string, path: string): string {
  return basePath.replace(/\/$/, "") + path;
}

/** The file a site path is written to, below the output folder: "/2020/12/11/slug/" → "2020/12/11/slug/index.html". */
export function outputFile(path: string): string {
  return (path.endsWith("/") ? `${path}index.html` : path).replace(/^\//, "");
}

/** The absolute URL of a site path ("/topics/x/") on a site whose url is `siteUrl` (its base path included). */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\//, ""), siteUrl).href;
}
