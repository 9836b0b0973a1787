import { html, type Html } from "../html.ts";
import type { ImageFile, Picture } from "../types.ts";

// How wide a figure is drawn, for the browser to pick a copy before the stylesheet loads (site.css: .wrap is
// 52rem with 1.25rem padding; the body's measure is 40rem).
const SIZES = {
  lead: "(min-width: 52rem) 49.5rem, calc(100vw - 2.5rem)",
  body: "(min-width: 42.5rem) 40rem, calc(100vw - 2.5rem)",
};

const srcset = (files: readonly ImageFile[]) => files.map((f) => `${f.url} ${f.width}w`).join(", ");

/**
 * A photo as a `<figure>`: a `<picture>` offering AVIF, then WebP, then JPEG at every width, an `<img>` with its
 * width and height (no layout shift) and alt text, and a caption holding the caption and the credit. Photos in
 * the body load lazily; the lead photo, at the top of the page, does not.
 */
export function figure(picture: Picture, kind: "lead" | "body"): Html {
  const byType = (type: ImageFile["type"]) => picture.files.filter((f) => f.type === type);
  const jpegs = byType("image/jpeg");
  const fallback = jpegs.find((f) => f.width >= 800) ?? jpegs.at(-1)!;
  const sizes = SIZES[kind];
  const lazy = kind === "body" ? html` loading="lazy" decoding="async"` : "";
  const caption = picture.caption || picture.credit;
  return html`<figure class="figure figure-${kind}">
<picture>
<source type="image/avif" srcset="${srcset(byType("image/avif"))}" sizes="${sizes}">
<source type="image/webp" srcset="${srcset(byType("image/webp"))}" sizes="${sizes}">
<img src="${fallback.url}" srcset="${srcset(jpegs)}" sizes="${sizes}" width="${picture.width}" height="${picture.height}" alt="${picture.alt}"${lazy}>
</picture>
${
  caption
    ? html`<figcaption>${picture.caption ? html`<span class="caption">${picture.caption}</span>` : ""}${picture.caption && picture.credit ? " " : ""}${
        picture.credit ? html`<span class="credit">Photo: ${picture.credit}</span>` : ""
      }</figcaption>`
    : ""
}
</figure>`;
}
