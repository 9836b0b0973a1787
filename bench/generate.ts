import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { slugify } from "../src/slug.ts";

/** What the generator wrote: enough for the bench and the tests to find every article's page. */
export interface GeneratedCorpus {
  /** The content folder: site.yaml, topics.yaml, people.yaml and articles/. */
  dir: string;
  articles: GeneratedArticle[];
  people: number;
  topics: number;
}

export interface GeneratedArticle {
  /** Path of the Markdown file relative to the content folder, e.g. "articles/2020/2020-12-11-word-word-17.md". */
  file: string;
  /** The page's site path, e.g. "/2020/12/11/word-word-17/" (calendar dates, so the same in every zone). */
  path: string;
}

export interface CorpusOptions {
  articles: number;
  seed: number;
}

const FIRST_YEAR = 2006;
const LAST_YEAR = 2024;

// A fixed, neutral vocabulary: bodies are made of these words only, never of real-world prose.
const WORDS = (
  "archive record hearing filing court panel review motion appeal notice letter statement report inquiry " +
  "council office agency ministry bureau registry ledger docket chamber bench counsel witness clerk " +
  "session ruling order decision finding judgment verdict summary answer question response reply request " +
  "document file paper page copy draft version release batch bundle folder memo cable note " +
  "meeting visit journey flight harbour border station bridge tower square market garden river valley " +
  "morning evening winter summer spring autumn week month season year decade moment period phase stage " +
  "early late brief long short quiet formal public private open closed sealed partial full final initial " +
  "careful detailed narrow broad steady sudden gradual routine unusual familiar distant local regional " +
  "national foreign central northern southern eastern western upper lower inner outer second third " +
  "agreed asked argued began brought called claimed considered continued decided described explained " +
  "filed found gave heard held issued joined kept left made moved noted offered opened passed placed " +
  "raised reached read received refused reported returned said sent set showed spoke stated took turned " +
  "and the of to in on for with at by from about after before during under over between against through"
).split(" ");

// Invented name parts; combined they give plausible, fictional names.
const FIRST_NAMES = (
  "Ada Alma Anik Arvo Bela Bruno Cato Dana Dario Edda Elin Emil Enzo Eva Felix Frida Gala Goran Hana Ilse " +
  "Ines Ivo Jana Joris Kai Kira Lars Lena Lio Lotte Luca Mara Mila Milo Nadia Nico Nora Odile Olaf Oren " +
  "Pavel Pia Quinn Rafa Rina Rolf Runa Sami Sanne Sven Tarja Teo Tilde Tomas Ulla Vera Viggo Yara Zeno"
).split(" ");
const SURNAME_STARTS = "Ab Ber Cal Dor El Fen Gar Hol Is Jar Kel Lind Mar Nor Ost Pel Quar Ros Sel Tor Ul Vel Wes Yr Zan".split(" ");
const SURNAME_ENDS = "ard berg dahl elli feld gaard holm ick ivo kov lund mann ner ova quist rud sen stad torp vik wick zen".split(" ");
const ROLES = ["Judge", "Counsel", "Minister", "Spokesperson", "Reporter", "Editor", "Ambassador", "Clerk", "Campaigner", "Official"];
const TOPIC_FIRST = "Harbour Border Archive Council Panel Sealed Public Registry Foreign Bench Ledger Station Tower Valley Bridge Chamber Docket Garden River Market Square".split(" ");
const TOPIC_SECOND = "filings hearings releases inquiries reviews orders statements disputes visits rulings audits reports appeals campaigns talks sessions motions protests agreements notices meetings".split(" ");

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random helpers every part of the generator draws from, all fed by one seeded stream. */
class Draw {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  words(count: number): string[] {
    return Array.from({ length: count }, () => this.pick(WORDS));
  }
  /** `count` distinct items, in draw order. */
  distinct<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.pick(items));
    return [...chosen];
  }
}

interface Entry {
  id: string;
  name: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const pad2 = (n: number) => String(n).padStart(2, "0");
const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
// JSON strings are valid YAML double-quoted scalars.
const q = (text: string) => JSON.stringify(text);

/** Writes a complete, valid Casefile content folder of `options.articles` generated articles to `dir`, which must be new or empty. */
export function generateCorpus(dir: string, options: CorpusOptions): GeneratedCorpus {
  const draw = new Draw(mulberry32(options.seed));
  const root = resolve(dir);
  // Never write over someone's folder.
  if (existsSync(root) && readdirSync(root).length) throw new Error(`${root} is not empty; give a new or empty folder`);
  mkdirSync(join(root, "articles"), { recursive: true });

  const topics = makeTopics(draw);
  const people = makePeople(draw, Math.max(50, Math.ceil(options.articles / 50)));
  writeFileSync(join(root, "site.yaml"), siteYaml(draw));
  writeFileSync(join(root, "topics.yaml"), topics.map((t) => `- id: ${q(t.id)}\n  name: ${q(t.name)}\n  description: ${q(sentence(draw, 12, 24))}\n`).join("\n"));
  writeFileSync(
    join(root, "people.yaml"),
    people
      .map(
        (p) =>
          `- id: ${q(p.id)}\n  name: ${q(p.name)}\n  aliases: [${p.aliases.map(q).join(", ")}]\n  role: ${q(p.role)}\n  description: ${q(sentence(draw, 15, 30))}\n`,
      )
      .join("\n"),
  );

  const start = Date.UTC(FIRST_YEAR, 0, 1);
  const days = Math.round((Date.UTC(LAST_YEAR, 11, 31) - start) / 86_400_000);
  const made = new Set<string>();
  const articles: GeneratedArticle[] = [];
  for (let i = 0; i < options.articles; i++) {
    const date = new Date(start + draw.int(0, days) * 86_400_000);
    const day = isoDay(date);
    const title = capitalise(draw.words(draw.int(5, 9)).join(" "));
    // The index keeps every slug, hence every URL, unique.
    const slug = `${slugify(title).split("-").slice(0, 4).join("-")}-${i + 1}`;
    const year = day.slice(0, 4);
    const file = `articles/${year}/${day}-${slug}.md`;
    if (!made.has(year)) mkdirSync(join(root, "articles", year), { recursive: true });
    made.add(year);
    writeFileSync(join(root, file), article(draw, { title, date, topics, people }));
    articles.push({ file, path: `/${day.replaceAll("-", "/")}/${slug}/` });
  }
  return { dir: root, articles, people: people.length, topics: topics.length };
}

function siteYaml(draw: Draw): string {
  return [
    `title: "The Bench Case File"`,
    `description: ${q(sentence(draw, 10, 16))}`,
    `url: "https://bench.example/"`,
    `timezone: "Europe/London"`,
    `language: "en-GB"`,
    `case:`,
    `  name: "The Bench Case, ${FIRST_YEAR}–${LAST_YEAR}"`,
    `  summary: ${q(`${sentence(draw, 15, 25)} ${sentence(draw, 15, 25)}`)}`,
    "",
  ].join("\n");
}

function makeTopics(draw: Draw): Entry[] {
  const count = draw.int(10, 20);
  const seen = new Set<string>();
  const topics: Entry[] = [];
  while (topics.length < count) {
    const name = `${draw.pick(TOPIC_FIRST)} ${draw.pick(TOPIC_SECOND)}`;
    const id = slugify(name);
    if (seen.has(id)) continue;
    seen.add(id);
    topics.push({ id, name });
  }
  return topics;
}

interface Person extends Entry {
  aliases: string[];
  role: string;
}

/** People with unique names; aliases ("Judge Tor", "A. Torvik") are kept only when no one else answers to them. */
function makePeople(draw: Draw, count: number): Person[] {
  if (count > (FIRST_NAMES.length * SURNAME_STARTS.length * SURNAME_ENDS.length) / 2) throw new Error(`too many people to name: ${count}`);
  const taken = new Set<string>();
  const key = (text: string) => slugify(text);
  const people: Person[] = [];
  while (people.length < count) {
    const first = draw.pick(FIRST_NAMES);
    const surname = `${draw.pick(SURNAME_STARTS)}${draw.pick(SURNAME_ENDS)}`;
    const name = `${first} ${surname}`;
    if (taken.has(key(name))) continue;
    const role = draw.pick(ROLES);
    const aliases = [`${role} ${surname}`, `${first.charAt(0)}. ${surname}`, surname].filter((a) => !taken.has(key(a)));
    const kept = aliases.slice(0, draw.int(1, 3));
    for (const text of [name, ...kept]) taken.add(key(text));
    people.push({ id: slugify(name), name, aliases: kept, role });
  }
  return people;
}

function sentence(draw: Draw, min: number, max: number): string {
  return `${capitalise(draw.words(draw.int(min, max)).join(" "))}.`;
}

/** A sentence with some inline Markdown: emphasis, strong text or a link. */
function richSentence(draw: Draw): string {
  const words = draw.words(draw.int(8, 18));
  const at = draw.int(1, words.length - 2);
  const roll = draw.next();
  if (roll < 0.15) words[at] = `*${words[at]}*`;
  else if (roll < 0.22) words[at] = `**${words[at]}**`;
  else if (roll < 0.32) words[at] = `[${words[at]} ${words[at + 1]}](https://records.example/${words[at]}/${draw.int(1, 9999)})`;
  return `${capitalise(words.join(" "))}.`;
}

function paragraph(draw: Draw): string {
  return Array.from({ length: draw.int(3, 5) }, () => richSentence(draw)).join(" ");
}

/** About 600 words: an opening paragraph, then sections with headings, paragraphs, a list and a quote. */
function body(draw: Draw): string {
  const blocks = [paragraph(draw)];
  let words = blocks[0]!.split(" ").length;
  while (words < 600) {
    blocks.push(`## ${capitalise(draw.words(draw.int(2, 5)).join(" "))}`);
    for (let p = draw.int(1, 2); p > 0; p--) blocks.push(paragraph(draw));
    if (draw.chance(0.6)) blocks.push(Array.from({ length: draw.int(3, 5) }, () => `- ${capitalise(draw.words(draw.int(3, 8)).join(" "))}`).join("\n"));
    if (draw.chance(0.4)) blocks.push(`> ${sentence(draw, 10, 20)}`);
    words = blocks.join(" ").split(/\s+/).length;
  }
  return `${blocks.join("\n\n")}\n`;
}

function article(draw: Draw, a: { title: string; date: Date; topics: Entry[]; people: Person[] }): string {
  const day = isoDay(a.date);
  const topic = draw.pick(a.topics);
  // Mostly ids, sometimes names: both resolve in Casefile and slugify to the same term page elsewhere.
  const ref = (e: Entry) => (draw.chance(0.85) ? e.id : e.name);
  const people = draw.distinct(a.people, draw.pick([0, 1, 1, 2, 2, 2, 3, 3, 4]));
  const lines = ["---", `title: ${q(a.title)}`, `date: ${day}`, `topic: ${q(ref(topic))}`];
  if (people.length) lines.push(`people: [${people.map((p) => q(ref(p))).join(", ")}]`);
  if (draw.chance(0.4)) lines.push(`summary: ${q(sentence(draw, 12, 30))}`);
  if (draw.chance(0.02)) lines.push("milestone: true");
  lines.push("sources:");
  for (let s = draw.int(1, 3); s > 0; s--) {
    lines.push(`  - title: ${q(capitalise(draw.words(draw.int(3, 7)).join(" ")))}`);
    lines.push(`    url: https://news${draw.int(1, 40)}.example/${day.slice(0, 4)}/${draw.pick(WORDS)}-${draw.int(1, 99999)}`);
    if (draw.chance(0.6)) lines.push(`    publisher: ${q(`The ${capitalise(draw.pick(WORDS))} ${capitalise(draw.pick(WORDS))}`)}`);
    if (draw.chance(0.5)) lines.push(`    date: ${day}`);
  }
  if (draw.chance(0.01)) {
    const fixed = isoDay(new Date(a.date.getTime() + draw.int(1, 30) * 86_400_000));
    lines.push(`updated: ${fixed}`, "corrections:", `  - date: ${fixed}`, `    note: ${q(sentence(draw, 8, 16))}`);
  }
  lines.push("---", "");
  return `${lines.join("\n")}\n${body(draw)}`;
}

// Runnable: npx tsx bench/generate.ts --articles 1000 --out /tmp/x [--seed 1]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { articles: { type: "string", default: "1000" }, out: { type: "string" }, seed: { type: "string", default: "1" } },
  });
  if (!values.out) {
    process.stderr.write("usage: npx tsx bench/generate.ts --articles 1000 --out /tmp/x [--seed 1]\n");
    process.exit(2);
  }
  const corpus = generateCorpus(values.out, { articles: Number(values.articles), seed: Number(values.seed) });
  process.stdout.write(`Wrote ${corpus.articles.length} articles, ${corpus.people} people, ${corpus.topics} topics to ${corpus.dir}\n`);
}
