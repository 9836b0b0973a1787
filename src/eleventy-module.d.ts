// Eleventy 3 ships no type declarations for its programmatic API; this is the part the build uses.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input: string, output: string, options?: { configPath?: string; quietMode?: boolean; pathPrefix?: string });
    /** Resolves to [passthrough copies, written templates]. */
    write(): Promise<[unknown, unknown[]]>;
  }
}
