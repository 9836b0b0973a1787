// Eleventy 3 ships no type declarations for its programmatic API; this is the part the build uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string });
    /** Resolves to [passthrough copies, written templates]. */
    write(): Promise<[unknown, unknown[]]>;
    /** Silences Eleventy's own log lines, including its "Wrote N files" summary. */
    disableLogger(): void;
  }
}

// The dev server Eleventy bundles, used directly by `npm start` (src/cli/start.ts); the part the preview uses.
declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    port?: number;
    pathPrefix?: string;
    logger?: { info(line: string): void; log(line: string): void; error(line: string): void };
    messageOnStart?: (info: { localhostUrl: string }) => string;
    /** Run in order before the dev server looks for a file; each calls `next()` to pass the request on. */
    middleware?: ((request: import("node:http").IncomingMessage, response: import("node:http").ServerResponse, next: () => unknown) => void)[];
  }
  interface DevServer {
    /** The HTTP server, created on first access. */
    readonly server: import("node:http").Server;
    /** Listens on `port` (every interface in 2.1.2); also called with the next port when one is in use. */
    _serverListen(port: number): void;
    serve(port: number): void;
    ready(): Promise<void>;
    /** Tells open pages to reload: stylesheets in place, HTML by DOM diffing where it can. */
    reloadFiles(files: string[]): void;
    close(): Promise<void>;
  }
  const EleventyDevServer: { getServer(name: string, dir: string, options?: DevServerOptions): DevServer };
  export default EleventyDevServer;
}
