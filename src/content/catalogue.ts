/**
 * Every problem and hint Casefile reports, by its stable code: what happened and what to do. Tools match on the
 * codes (`npm run check -- --json`); docs/editing.md explains each one in these very words, and a test holds
 * the two together.
 */
export const PROBLEMS = {
  "file-not-utf8": { what: "The file is not saved as UTF-8 text.", fix: "Save it as UTF-8 (in most editors: \"Save with encoding\")." },
  "file-empty": { what: "The file has nothing in it.", fix: "Add front-matter and text, or delete the file." },
  "file-unreadable": { what: "Not an ordinary file you may read: a folder, a named pipe or a device, a file without read permission, a broken link, a loop of links, or a link leading outside `content/`.", fix: "Put the file itself in its place, fix its permissions, or remove the link (see [Limits](#limits))." },
  "file-too-large": { what: "The file is over the size limit (see [Limits](#limits)).", fix: "Split the article, or trim the registry." },
  "frontmatter-missing": { what: "The first line is not `---`.", fix: "Start the file with a line of `---`, the fields, then another `---`." },
  "frontmatter-unclosed": { what: "The opening `---` has no closing `---`.", fix: "Add a line with only `---` after the last field." },
  "frontmatter-language": { what: "The front-matter is marked as another language (`---js`).", fix: "Use plain `---`: only YAML is read, and it is never run." },
  "frontmatter-not-mapping": { what: "The front-matter is a list or a sentence, not fields.", fix: "Write one `field: value` per line." },
  "yaml-syntax": { what: "The YAML cannot be read: usually a colon in an unquoted value (the message shows the line with the value quoted), a key given twice (the message names it), or a badly indented list.", fix: "Put text in quotes; keep one of the two keys; indent list items under their field." },
  "yaml-aliases": { what: "YAML aliases (`&name` … `*name`) repeat values more than 100 times, an alias names no anchor above it, or it stands inside the value it names.", fix: "Write the values out, without `&` and `*`." },
  "field-unknown": { what: "A field the contract does not have, often a typo.", fix: "Use the suggested field, or remove it." },
  "field-missing": { what: "A required field (`title`, `date`, `topic`) is not there.", fix: "Add it." },
  "field-type": { what: "A value of the wrong kind: a number as a title, `people: Julian Assange` instead of a list, `milestone: yes`.", fix: "Quote text, write lists as `[a, b]`, and use `true` or `false`." },
  "field-empty": { what: "A field with an empty value.", fix: "Fill it in, or remove the field." },
  "date-invalid": { what: "Not a real date, or not written as one.", fix: "Write `YYYY-MM-DD`, or a date and time such as `2024-06-26T08:30:00+10:00`." },
  "date-order": { what: "`updated` is before `date`.", fix: "Correct one of the two." },
  "topic-unknown": { what: "The topic is not in `topics.yaml`.", fix: "Use the suggested topic, or add it to `topics.yaml`." },
  "person-unknown": { what: "A name in `people` is not in `people.yaml`.", fix: "Use the suggested spelling, or add the person to `people.yaml`." },
  "person-duplicate": { what: "The same person is listed twice, perhaps under two names.", fix: "Keep one." },
  "people-too-many": { what: "An article lists more than 100 people.", fix: "List the people the article is about." },
  "author-unknown": { what: "A name in an article's `authors`, or `author` in `site.yaml`, is not in `authors.yaml` (or there is no `authors.yaml`).", fix: "Use the suggested author, or add the author to `authors.yaml`." },
  "author-duplicate": { what: "The same author is listed twice in `authors`, perhaps under two names.", fix: "Keep one." },
  "authors-too-many": { what: "An article lists more than 100 authors.", fix: "List the people who wrote it." },
  "logo-invalid": { what: "`publisher.logo` in `site.yaml` is a web address, leads outside `content/`, names no file, or names a file that is not a PNG, JPEG, GIF, WebP or SVG image.", fix: "Put the logo file in `content/` and write its path from there, e.g. `publisher-logo.svg`." },
  "url-invalid": { what: "A source's `url` (or the `url` of `site.yaml`, its `publisher` or an author) is not a full web address.", fix: "Write it with `https://`." },
  "slug-invalid": { what: "A `slug` or an `id` with characters other than lowercase letters, digits and single hyphens, or longer than 80 characters (a file name can give such a slug too).", fix: "Write it like `permission-to-appeal`; shorten it as suggested." },
  "slug-empty": { what: "The file name gives no slug (e.g. `2024-05-20-.md`).", fix: "Rename the file with words after the date, or add a `slug`." },
  "url-collision": { what: "Two articles would have the same address (same day, same slug; case does not count).", fix: "Give one of them a different `slug` (or fix its `date`)." },
  "placeholder-text": { what: "An article that is not a draft still holds the placeholder paragraph `npm run new` wrote (\"Replace this paragraph…\"), in its text or its `summary`.", fix: "Write the article (and the summary), or put `draft: true` back until it is written." },
  "registry-invalid": { what: "`people.yaml`, `topics.yaml`, `authors.yaml` or `site.yaml` is not shaped as expected, or a name or alias belongs to two entries.", fix: "Follow the examples above; each name and alias may name one entry only." },
  "content-missing": { what: "`site.yaml`, `topics.yaml` or `people.yaml` is not in the content folder (`authors.yaml` may be left out).", fix: "Restore the file (or point `--content` at the right folder)." },
  "image-remote": { what: "A photo's `src` is a web address (or another kind of URL), not a file.", fix: "Save the photo beside the article and give its file name: the site serves every image itself." },
  "image-outside": { what: "A photo's path, or a link on the way, leads outside `content/`.", fix: "Copy the photo into `content/`, beside the article." },
  "image-missing": { what: "No file at the photo's path (the message shows where it looked).", fix: "Fix the path: `./name.jpg` is beside the article, `/photos/name.jpg` is `content/photos/name.jpg`." },
  "image-unreadable": { what: "The photo is a folder, a pipe, a file you may not read, or over 100 MB.", fix: "Put the photo file itself there, readable, and smaller." },
  "image-not-image": { what: "The file is not a photo whatever its name says (text, a PDF, a HEIC or RAW file), or cannot be decoded.", fix: "Save or export it as JPEG, PNG, WebP or AVIF." },
  "image-svg": { what: "The file is an SVG drawing, which is refused: it can carry scripts and links to other sites.", fix: "Export the drawing as a PNG." },
  "image-too-large": { what: "The photo has more than 100 megapixels, or its header claims so (a \"decompression bomb\"); it is not opened.", fix: "Resize it: the site publishes photos at most 1,600 pixels wide." },
  "image-alt": { what: "A photo has no alt text, or its alt text is only the file's name.", fix: "Say what the photo shows, for readers who cannot see it." },
  "image-inline": { what: "A photo in the text shares its paragraph with words, or sits in a link or a table.", fix: "Put the photo on a line of its own, with a blank line before and after." },
  // What the editor commands (`npm run new`, `npm run import`) refuse, beyond the content problems above.
  "title-no-words": { what: "The title given to `npm run new` has no letters or digits to name the file after (e.g. `\"?!\"`).", fix: "Give a title with words in it." },
  "file-exists": { what: "`npm run new` or `npm run import` would write an article, or a photo beside it, where a file already is; nothing is written and nothing is overwritten.", fix: "Change the title or the date (for an import, the wire-copy file's name), or edit the article that is there." },
  "import-source-missing": { what: "A file or folder given to `npm run import` does not exist.", fix: "Check the path: it is read from the folder you run the command in." },
  "import-folder-empty": { what: "A folder given to `npm run import` has no `.txt` file in it.", fix: "Save the wire copy in it as `.txt` files, or give the files themselves." },
  "topics-empty": { what: "`topics.yaml` lists no topic, so `npm run import` has none to file drafts under.", fix: "Add the case's topics to `topics.yaml` (see [Adding a person or a topic](#adding-a-person-or-a-topic))." },
  // What the build's check of the rendered site finds (`src/site/checks.ts`); file is the page's path in the site.
  "link-broken": { what: "A link in a page of the built site, or in a feed or the sitemap, leads to a page or file the build did not write, or to a `#section` that page does not have.", fix: "When the message names an article's Markdown file, fix the link in that article's text; otherwise the site's templates wrote it: report it with the message." },
  "link-invalid": { what: "A link in a page of the built site is not a web address, is of a kind other than http, https and mailto (`javascript:`), or leaves the site's sub-folder (`--pathprefix`).", fix: "When the message names an article's Markdown file, fix the link in that article's text; otherwise the site's templates wrote it: report it with the message." },
  "html-invalid": { what: "A page of the built site is not valid HTML; the message gives its line, column and html-validate's rule.", fix: "Text in an article cannot cause this (HTML typed in Markdown is shown as text): report it with the message." },
  "html-unchecked": { what: "html-validate stopped on a page and could not check it, usually on very deeply nested text.", fix: "Look in the article on that page for lists or quotes nested very deep and flatten them (see [Limits](#limits)); if there are none, report it with the message." },
  "feed-invalid": { what: "A feed of the built site (`feed.xml`, the feed of a topic or a person, `feed.json`) cannot be read back, or lacks an element every feed or entry needs (an id, a title, a date, a link).", fix: "Report it with the message: the site's templates wrote it." },
  "sitemap-invalid": { what: "`sitemap.xml` cannot be read back, lists no page, or has a `<url>` without its `<loc>`.", fix: "Report it with the message: the site's templates wrote it." },
} as const satisfies Record<string, { what: string; fix: string }>;

/** The hints of `npm run check`: never errors, something an editor may want to look at. */
export const HINTS = {
  "name-unknown": { what: "The text has a two-word name that looks like a person's (a full name, then the surname alone later) and is not in `people.yaml`. Add the person if they matter to the case." },
  "person-unused": { what: "No article uses this person or topic. Use it, or remove the entry." },
  "topic-unused": { what: "No article uses this person or topic. Use it, or remove the entry." },
  "source-tracking": { what: "A source URL carries parameters that only tell the publisher where a reader came from (`utm_*`, `intcmp`, `ico`, `ito`, `ns_*`, `ref`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`, `?print=print`). Cite the address the hint gives, without them." },
  "image-credit-missing": { what: "A photo in the text has no credit at the end of its title, after a vertical bar. Add who took it (see [Photos](#photos))." },
} as const satisfies Record<string, { what: string }>;

/** Stable codes for every kind of problem (content, editor commands, the rendered site); tests and tools match on these. */
export type ProblemCode = keyof typeof PROBLEMS;

/** Stable codes of the hints `npm run check` gives once content is valid. */
export type HintCode = keyof typeof HINTS;
