import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildFixture, buildHere, check, fixtureProject, report, runBuild, treeHashes } from "../helpers.ts";

const EXPECTED_DATE = "(expected YYYY-MM-DD or an ISO 8601 date-time)";

// Each fixture is one class of editor mistake; the whole line is asserted so wording changes are deliberate.
const cases: [fixture: string, lines: string[]][] = [
  [
    "yaml-syntax-error",
    [
      "content/articles/2020-01-01-broken.md:5  front-matter: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ] (expected valid YAML: one `field: value` per line, lists indented under their field)",
    ],
  ],
  [
    "yaml-alias-bomb",
    [
      "content/articles/2020-01-01-laughs.md:10  front-matter: YAML aliases such as *e repeat values more than 100 times (expected the values written out, without & anchors and * aliases)",
      'content/articles/2020-01-02-other.md:4  topic: "hearing" is not in topics.yaml (expected one of: hearings, appeals, campaigns) (did you mean "hearings"?)',
      "content/people.yaml:8  file: YAML aliases such as *e repeat values more than 100 times (expected the values written out, without & anchors and * aliases)",
    ],
  ],
  [
    "limits-exceeded",
    [
      'content/articles/2020-01-01-long-slug.md:5  slug: is 300 characters long (expected a slug of at most 80 characters, e.g. "appeal-appeal-appeal-appeal-appeal-appeal-appeal-appeal-appeal-appeal-appeal")',
      "content/articles/2020-01-02-crowd.md:5  people: lists 101 people (expected at most 100: the people the article is about)",
      "content/articles/2020-01-03-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing.md  slug: the file name gives a slug of 95 characters (expected at most 80: a shorter file name, or a slug: field such as slug: hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing-hearing)",
      'content/topics.yaml:13  id: is 101 characters long (expected an id of at most 80 characters, e.g. "topic-topic-topic-topic-topic-topic-topic-topic-topic-topic-topic-topic-topic")',
    ],
  ],
  [
    "frontmatter-unclosed",
    ["content/articles/2020-01-01-unclosed.md:1  front-matter: the --- opened on line 1 is never closed (expected a line with only --- after the last field)"],
  ],
  [
    "frontmatter-not-mapping",
    ["content/articles/2020-01-01-list.md:2  front-matter: is a list, not a mapping (expected one `field: value` per line, e.g. title: …)"],
  ],
  [
    "frontmatter-missing",
    ["content/articles/2020-01-01-no-fence.md:1  front-matter: missing: the file does not start with a --- line (expected front-matter between --- lines at the top of the file)"],
  ],
  [
    "frontmatter-js",
    ['content/articles/2020-01-01-js.md:1  front-matter: "---js" front-matter is not allowed (expected YAML front-matter opened by a line with only ---)'],
  ],
  ["file-empty", ["content/articles/2020-01-01-empty.md  file: is empty (expected front-matter between --- lines, then the article text)"]],
  ["file-not-utf8", ["content/articles/2020-01-01-latin1.md  file: is not valid UTF-8 text (expected the file saved as UTF-8)"]],
  ["title-missing", ["content/articles/2020-01-01-untitled.md  title: missing (expected text)"]],
  ["title-not-text", ["content/articles/2020-01-01-number.md:2  title: 1984 is not text (expected text; put it in quotes)"]],
  ["date-missing", [`content/articles/2020-01-01-undated.md  date: missing ${EXPECTED_DATE}`]],
  [
    "date-not-a-calendar-date",
    [
      `content/articles/2020-02-30-leap.md:3  date: "2020-02-30" is not a calendar date ${EXPECTED_DATE}`,
      `content/articles/2020-13-45-rollover.md:3  date: "2020-13-45" is not a calendar date ${EXPECTED_DATE}`,
      `content/articles/yesterday.md:3  date: "yesterday" is not a calendar date ${EXPECTED_DATE}`,
    ],
  ],
  [
    "updated-before-date",
    [
      "content/articles/2020-05-01-updated.md:4  updated: 2020-04-30 is before the article's date 2020-05-01 (expected a date on or after the article's date)",
      `content/articles/2020-05-01-updated.md:7  corrections[1].date: missing ${EXPECTED_DATE}`,
    ],
  ],
  ["topic-missing", ["content/articles/2020-01-01-no-topic.md  topic: missing (expected one of: hearings, appeals, campaigns)"]],
  [
    "topic-unknown",
    ['content/articles/2020-01-01-typo.md:4  topic: "hearing" is not in topics.yaml (expected one of: hearings, appeals, campaigns) (did you mean "hearings"?)'],
  ],
  [
    "person-unknown",
    [
      `content/articles/2020-01-01-misspelt.md:7  people[2]: "Julian Asange" is not in people.yaml (expected a person's id, name or alias from people.yaml) (did you mean "Julian Assange"?)`,
      `content/articles/2020-01-01-misspelt.md:8  people[3]: "Nobody At All" is not in people.yaml (expected a person's id, name or alias from people.yaml)`,
    ],
  ],
  [
    "people-not-a-list",
    [
      `content/articles/2020-01-01-bare.md:5  people: "Julian Assange" is not a list (expected a list of person ids, names or aliases from people.yaml, e.g. [a, b] or one "- item" per line)`,
    ],
  ],
  [
    "field-unknown",
    [
      'content/articles/2020-01-01-peopel.md:5  peopel: is not a known field (expected one of: title, date, topic, people, authors, summary, sources, milestone, updated, corrections, draft, slug, image) (did you mean "people"?)',
      "content/articles/2020-01-01-peopel.md:6  colour: is not a known field (expected one of: title, date, topic, people, authors, summary, sources, milestone, updated, corrections, draft, slug, image)",
    ],
  ],
  [
    "flag-not-boolean",
    [
      'content/articles/2020-01-01-flags.md:5  milestone: "yes" is not true or false (expected true or false)',
      'content/articles/2020-01-01-flags.md:6  draft: "false" is not true or false (expected true or false)',
    ],
  ],
  [
    "source-invalid",
    [
      'content/articles/2020-01-01-sources.md:7  sources[1].url: "javascript:alert(1)" is not an http or https URL (expected a full address starting with https:// or http://)',
      "content/articles/2020-01-01-sources.md:8  sources[2].title: missing (expected text)",
      'content/articles/2020-01-01-sources.md:9  sources[3]: "https://news.test/bare" is not a mapping (expected title: and url: (and optionally publisher: and date:) under each - item)',
    ],
  ],
  [
    "slug-invalid",
    ['content/articles/2020-01-01-escape.md:5  slug: "../../etc" is not a valid slug (expected lowercase letters, digits and single hyphens, e.g. plea-hearing)'],
  ],
  [
    "slug-empty",
    ['content/articles/2020-01-01-.md  slug: the file name "2020-01-01-.md" gives an empty slug (expected a file name with letters or digits after the date, or a slug: field)'],
  ],
  [
    "url-collision",
    [
      "content/articles/2020/2020-01-01-Hearing.md:3  slug: /2020/01/01/hearing/ is also the URL of content/articles/2020/2020-01-01-hearing.md, content/articles/other/renamed.md (expected a URL of its own: give one of them a different slug: or date:)",
      "content/articles/2020/2020-01-01-hearing.md:3  slug: /2020/01/01/hearing/ is also the URL of content/articles/2020/2020-01-01-Hearing.md, content/articles/other/renamed.md (expected a URL of its own: give one of them a different slug: or date:)",
      "content/articles/other/renamed.md:5  slug: /2020/01/01/hearing/ is also the URL of content/articles/2020/2020-01-01-Hearing.md, content/articles/2020/2020-01-01-hearing.md (expected a URL of its own: give one of them a different slug: or date:)",
    ],
  ],
  [
    "registry-alias-clash",
    [
      'content/people.yaml:7  aliases[1]: "Assange" already names "julian-assange" (expected each id, name and alias to name one entry only)',
      'content/people.yaml:9  id: "Bad Id" is not a valid id (expected lowercase letters, digits and single hyphens, e.g. julian-assange)',
    ],
  ],
  [
    "site-invalid",
    [
      'content/site.yaml:2  url: "example.org" is not an absolute http(s) URL (expected an absolute URL such as https://example.org/)',
      'content/site.yaml:3  timezone: "Europe/Londres" is not a time zone (expected an IANA zone name such as Europe/London)',
      "content/site.yaml:4  case.summary: missing (expected text)",
    ],
  ],
];

describe("an editor's mistake gets one clear line naming file, line, field and fix", () => {
  it.each(cases)("%s", async (fixture, lines) => {
    const result = await check(fixture);
    expect(result.archive).toBeUndefined();
    expect(result.lines.sort()).toEqual([...lines].sort());
  });

  it("never runs a ---js front-matter", async () => {
    const dir = fixtureProject("frontmatter-js");
    const run = await buildHere(dir);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, "RAN-FRONT-MATTER"))).toBe(false);
  });
});

describe("a build with bad content", () => {
  it("reports every problem in every file at once, sorted by file and line, under a count", async () => {
    const text = await report("date-not-a-calendar-date", "person-unknown", "topic-missing");
    expect(text.split("\n")[0]).toBe("6 problems in 5 files");
    expect(text.split("\n").slice(1).every((line) => line.startsWith("  content/articles/"))).toBe(true);
  });

  it("exits non-zero, prints the report and leaves the last good site byte-for-byte as it was", async () => {
    const { dir } = await buildFixture("valid-archive");
    const before = treeHashes(join(dir, "_site"));
    mkdirSync(join(dir, "content/articles/late"), { recursive: true });
    writeFileSync(join(dir, "content/articles/late/2020-01-01-typo.md"), "---\ntitle: Typo\ndate: 2020-01-01\ntopic: hearing\n---\n\nBody.\n");

    const run = runBuild(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      '1 problem in 1 file\n  content/articles/late/2020-01-01-typo.md:4  topic: "hearing" is not in topics.yaml (expected one of: hearings, appeals, campaigns) (did you mean "hearings"?)\nBuild stopped: nothing was published; _site is unchanged.',
    );
    expect(run.stdout).not.toContain("Built");
    expect(treeHashes(join(dir, "_site"))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual([".cache", "_site", "content"]);
  });
});
