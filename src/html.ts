/** HTML that is already safe to place in a page: markup built by `html`, or the Markdown renderer's output. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Anything `html` can place: values are escaped, `Html` is kept, lists are joined, nothing/false is dropped. */
export type Fragment = Html | string | number | boolean | null | undefined | readonly Fragment[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function place(value: Fragment): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(place).join("");
  if (value === null || value === undefined || value === false || value === true) return "";
  return escapeHtml(String(value));
}

/** Tagged template for markup: every interpolated value is escaped unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: Fragment[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += place(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Marks a string as trusted HTML. Only for markdown.ts output and serialised JSON-LD; never for content fields. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
