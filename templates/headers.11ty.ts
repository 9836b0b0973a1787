import { headersFile } from "../src/site/headers.ts";

export const data = { permalink: "/_headers", eleventyExcludeFromCollections: true };

export function render(): string {
  return headersFile();
}
