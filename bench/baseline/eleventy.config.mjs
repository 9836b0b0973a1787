import * as article from "./article.11ty.js";
import * as home from "./index.11ty.js";
import * as timeline from "./timeline.11ty.js";
import { termIndex, termPages } from "./terms.js";

/**
 * A plain Eleventy 3 site for the benchmark: the generated Markdown articles are its input (--input=<content>/articles),
 * read with Eleventy's own front-matter and Markdown handling (defaults, no validation), each written to
 * /YYYY/MM/DD/slug/, plus a home page, topic and people pages and one timeline page.
 */
export default function (config) {
  const slug = config.getFilter("slugify");
  const articles = (api) => api.getAllSorted().filter((item) => item.inputPath.endsWith(".md"));
  // Groups articles by the slug of a front-matter value (topic: one, people: a list).
  const terms = (api, valuesOf) => {
    const byId = new Map();
    for (const item of articles(api)) {
      for (const name of valuesOf(item.data)) {
        const id = slug(name);
        if (!byId.has(id)) byId.set(id, { id, name, articles: [] });
        byId.get(id).articles.push(item);
      }
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  };

  config.addCollection("articles", articles);
  config.addCollection("topics", (api) => terms(api, (data) => [data.topic]));
  config.addCollection("people", (api) => terms(api, (data) => data.people ?? []));

  // Every Markdown file is an article: this layout, and its date URL from the front-matter date and file slug.
  config.addGlobalData("slug", () => slug);
  config.addGlobalData("layout", "article.11ty.js");
  config.addGlobalData("permalink", () => (data) => `/${day(data.page.date).replaceAll("-", "/")}/${data.page.fileSlug}/`);

  config.addTemplate("_includes/article.11ty.js", article);
  config.addTemplate("index.11ty.js", home);
  config.addTemplate("timeline.11ty.js", timeline);
  config.addTemplate("topics.11ty.js", termIndex("topics", "Topics"));
  config.addTemplate("topic.11ty.js", termPages("topics"));
  config.addTemplate("people.11ty.js", termIndex("people", "People"));
  config.addTemplate("person.11ty.js", termPages("people"));

  return { templateFormats: ["md", "11ty.js"] };
}

const day = (date) => date.toISOString().slice(0, 10);
