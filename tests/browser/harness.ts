/// <reference lib="dom" />
import type AxeBuilder from "@axe-core/playwright";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { headersFor } from "../helpers.ts";

const SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
// Flags for a closed network and a root user: no background calls home, no sandbox (the container is the sandbox).
const BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/**
 * Finds a Chromium to drive: CHROME_PATH, then a system Chromium or Chrome on the PATH, then the binary the
 * @sparticuz/chromium package ships. Fails with instructions when there is none; never skips.
 */
export async function launchBrowser(): Promise<Browser> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return chromium.launch({ executablePath: fromEnv, args: BASE_ARGS });
  for (const name of SYSTEM_BROWSERS) {
    try {
      const path = execFileSync("which", [name], { encoding: "utf8" }).trim();
      if (path) return chromium.launch({ executablePath: path, args: BASE_ARGS });
    } catch {
      // not on the PATH; try the next
    }
  }
  try {
    // Only the binary: the package's own flags are tuned for serverless runs (a single process, web
    // security off), which would make these tests flaky and weaken what they check.
    const sparticuz = (await import("@sparticuz/chromium")).default;
    return await chromium.launch({ executablePath: await sparticuz.executablePath(), args: BASE_ARGS });
  } catch (error) {
    throw new Error(
      `No Chromium found for the browser tests (${(error as Error).message}). Set CHROME_PATH to a Chromium or Chrome binary, ` +
        "install one (apt-get install chromium), or run npm ci so that @sparticuz/chromium can provide its own.",
    );
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};


export interface SiteServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a built site on 127.0.0.1 under `basePath`, with the headers its `_headers` file gives each path, as a host would. */
export async function serveSite(siteDir: string, basePath = "/"): Promise<SiteServer> {
  const headersFile = existsSync(join(siteDir, "_headers")) ? readFileSync(join(siteDir, "_headers"), "utf8") : "";
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (!pathname.startsWith(basePath)) {
      response.writeHead(404).end();
      return;
    }
    let file = normalize(join(siteDir, pathname.slice(basePath.length)));
    if (!file.startsWith(siteDir)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const found = existsSync(file);
    const body = readFileSync(found ? file : join(siteDir, "404.html"));
    // The host reads _headers from the output folder's root, so rules match the path below the base path.
    const headers = headersFor(headersFile, `/${pathname.slice(basePath.length)}`);
    response.writeHead(found ? 200 : 404, { ...headers, "content-type": TYPES[extname(found ? file : ".html")] ?? "application/octet-stream" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a page did that a reader should never see: console errors, script errors, CSP violations, requests leaving localhost. */
export interface PageWatch {
  errors: string[];
  offsite: string[];
}

/** A context whose every request to another host is blocked and recorded. */
export async function watchedContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; offsite: string[] }> {
  const context = await browser.newContext(options);
  const offsite: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:") return route.continue();
    offsite.push(url.href);
    return route.abort();
  });
  return { context, offsite };
}

/** Records console errors, uncaught exceptions, dialogs and CSP violations on a page. */
export async function watchPage(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") errors.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return errors;
}

type AxeViolations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

// axe-core as @axe-core/playwright has it: its source, put into a page as the page's own script.
const axeSource = (createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright"))("axe-core") as { source: string }).source;
const AXE_OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  resultTypes: ["violations"],
};

/**
 * What axe finds on a page as it is now (after `page.emulateMedia({ colorScheme })`, say) against WCAG 2.2 AA and its
 * best practices. Run as `axe.run` in the page itself, which is what @axe-core/playwright's `AxeBuilder` runs in its
 * "legacy mode", with the same options, but with axe put into the page once: `AxeBuilder` evaluates axe's 650 KB
 * twice in the page for every check, more than the check itself costs on most pages; here a second check of the
 * same page runs at once. (Its default mode runs each frame's part and opens a blank page to combine them; the
 * site's pages hold no frames: article text cannot embed one.) Only violations are gathered in full
 * (`resultTypes`): every element that passed, about a quarter of the time on a long page, is not what a test reads.
 */
export async function axeViolations(page: Page): Promise<AxeViolations> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return page.evaluate(
    (options) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolations }> } }).axe.run(document, options).then((result) => result.violations),
    AXE_OPTIONS,
  );
}

/** Opens each path in turn and returns everything a reader should never see there, prefixed by the path; `inspect` may add more. */
export async function visitAll(
  browser: Browser,
  origin: string,
  paths: readonly string[],
  inspect: (page: Page, path: string) => Promise<string[]> = async () => [],
): Promise<{ problems: string[]; offsite: string[] }> {
  const { context, offsite } = await watchedContext(browser);
  const problems: string[] = [];
  for (const path of paths) {
    const page = await context.newPage();
    const errors = await watchPage(page);
    await page.goto(origin + path, { waitUntil: "networkidle" });
    const found = await inspect(page, path);
    problems.push(...[...errors, ...found].map((p) => `${path}: ${p}`));
    await page.close();
  }
  await context.close();
  return { problems, offsite };
}

/** A built site served on 127.0.0.1 and a browser to read it with; `close` stops both. */
export async function openSite(siteDir: string, basePath = "/"): Promise<{ browser: Browser; server: SiteServer; close(): Promise<void> }> {
  const server = await serveSite(siteDir, basePath);
  const browser = await launchBrowser();
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
