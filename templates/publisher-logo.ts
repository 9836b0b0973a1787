import type { PageData } from "./_includes/layout.ts";


/** The publisher's logo exactly as the editor put it in content/ (site.yaml's `publisher.logo`). */
export function render(d: PageData): Uint8Array {
  return d.archive.publisherLogo ?? new Uint8Array();
}
