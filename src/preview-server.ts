import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { printable } from "./content/problems.ts";
import { SECURITY_HEADERS } from "./site/headers.ts";

/** A Connect-style middleware, as the dev server (`@11ty/eleventy-dev-server`) runs them before serving a file. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => unknown) => void;

/**
 * The decoded path a request asks for, or `undefined` when the request target is malformed (not a URL, bad
 * percent-encoding) or could name something outside the preview: a `..` segment once decoded (`/..%2fx`), a
 * backslash or a NUL. Pure: it only reads the string.
 */
export function requestPath(target: string): string | undefined {
  let pathname: string;
  let decoded: string;
  try {
    pathname = new URL(target, "http://localhost/").pathname;
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(decoded) || decoded.split("/").includes("..")) return undefined;
  return decoded;
}

const SEARCH_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/**
 * What the preview server does before the dev server looks for a file: every response gets the published
 * security headers (`SECURITY_HEADERS`, the `_headers` file's); a malformed request, or one for a path outside
 * the preview, gets a 400 and a line in the terminal; the search index is served from its own folder, `search`;
 * and anything the dev server throws while serving one request ends that request, never the server.
 */
export function previewMiddleware(options: { basePath: string; search: string; log: (line: string) => void }): Middleware {
  return (request, response, next) => {
    for (const [name, value] of SECURITY_HEADERS) response.setHeader(name, value);
    const target = request.url ?? "/";
    const path = requestPath(target);
    if (path === undefined) {
      options.log(`Refused a request for ${shown(target)}: malformed, or a path outside the preview.`);
      end(response, 400, "Bad request: a malformed path, or one outside the preview.");
      return;
    }
    const inSite = path.startsWith(options.basePath) ? path.slice(options.basePath.length) : undefined;
    if (inSite !== undefined && /^pagefind(-\d+)?\//.test(inSite)) {
      const file = join(options.search, inSite);
      if (isFile(file)) {
        response.setHeader("Content-Type", SEARCH_TYPES[extname(file)] ?? "application/octet-stream");
        response.end(readFileSync(file));
        return;
      }
    }
    const fail = (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      // The dev server's own refusal of a path outside its folder.
      const refused = error instanceof URIError || message === "Invalid path";
      options.log(`Could not serve ${shown(target)}: ${shown(message)}`);
      if (response.headersSent) response.destroy();
      else if (refused) end(response, 400, "Bad request: a malformed path, or one outside the preview.");
      else end(response, 500, "The preview could not serve this file; the terminal running npm start says why.");
    };
    try {
      Promise.resolve(next()).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/** The line `npm start` prints once it listens on `address`: the URL to open, and who else can open it. */
export function servingLine(address: string, port: number, basePath: string): string {
  const everywhere = address === "0.0.0.0" || address === "::";
  const host = everywhere ? "localhost" : address.includes(":") ? `[${address}]` : address;
  const url = `http://${host}:${port}${basePath}`;
  if (address === "::1" || /^(::ffff:)?127\./.test(address)) return `Serving ${url} to this machine only (--host 0.0.0.0 shares it on the network).`;
  const where = everywhere ? " (every address of this machine)" : "";
  return `Serving ${url} on the network${where}: any machine that can reach this one sees the preview, drafts included.`;
}

function end(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader("Content-Type", "text/plain; charset=utf-8");
  response.end(`${text}\n`);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A request's text as a terminal can show it safely: quoted, with control characters escaped. */
function shown(text: string): string {
  return printable(JSON.stringify(text));
}
