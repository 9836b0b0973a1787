/**
 * The one Content-Security-Policy: everything from the site itself, no inline script or style, no eval.
 * 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly; it does not allow JavaScript eval.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy for a `<meta http-equiv>`: browsers ignore (and warn about) frame-ancestors there. */
export const CSP_META = CSP.join("; ");

/** The policy as an HTTP header, with framing forbidden. */
export const CSP_HEADER = [...CSP, "frame-ancestors 'none'"].join("; ");

/** The security headers every response carries, in order: `_headers` publishes them and `npm start` sends them. */
export const SECURITY_HEADERS: readonly (readonly [name: string, value: string])[] = [
  ["Content-Security-Policy", CSP_HEADER],
  ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Permissions-Policy", "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"],
];

/**
 * The files other sites' readers fetch with a script (TimelineJS's hosted embed, web feed readers): the
 * timeline export, the site feeds and every topic's and author's feed (a `*` in a path matches any characters on both hosts).
 */
export const SHARED_PATHS = ["/timeline.json", "/feed.xml", "/feed.json", "/topics/*/feed.xml", "/authors/*/feed.xml"];

/**
 * A Netlify / Cloudflare Pages `_headers` file: security headers for every path, and, for the shared files
 * alone, `Access-Control-Allow-Origin: *` so a page on any other origin may read them. Paths are those of the
 * output folder, which is the root a host reads `_headers` from (a sub-folder site is proxied to that root).
 */
export function headersFile(): string {
  return [
    "/*",
    ...SECURITY_HEADERS.map(([name, value]) => `  ${name}: ${value}`),
    ...SHARED_PATHS.flatMap((path) => [path, "  Access-Control-Allow-Origin: *"]),
    "",
  ].join("\n");
}
