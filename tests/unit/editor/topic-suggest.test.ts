import { describe, expect, it } from "vitest";
import { suggestTopic } from "../../../src/editor/topic-suggest.ts";
import type { Article, Topic } from "../../../src/types.ts";

const topic = (id: string, name: string, keywords: string[] = []): Topic => ({ id, name, description: "", keywords, path: `/topics/${id}/`, url: `/topics/${id}/` });
// Keywords as topics.yaml gives them.
const shipped = [
  topic("embassy-asylum", "Embassy asylum", ["embassy", "asylum", "ecuador"]),
  topic("campaigns-and-support", "Campaigns and support", ["supporters", "vigil", "protest"]),
  topic("appeals", "Appeals", ["appeal", "high court"]),
];
const filed = (topicId: string, ...people: string[]) =>
  ({ topic: { id: topicId }, people: people.map((id) => ({ id })) }) as unknown as Article;

const suggest = (text: string, people: string[] = [], topics = shipped, articles: Article[] = []) => {
  const s = suggestTopic(text, people, topics, articles)!;
  return [s.topic.id, s.reasons];
};

describe("topic suggestion for imported copy", () => {
  it("scores each topic by its keywords in the text, whole words and any case", () => {
    expect(suggest("Supporters held a vigil. The VIGIL ended at the embassy.")).toEqual(["campaigns-and-support", ["supporters", "vigil"]]);
    expect(suggest("Embassy staff spoke of asylum; a vigilant guard watched.")).toEqual(["embassy-asylum", ["embassy", "asylum"]]);
  });

  it("adds one for each person, to the topic their existing articles are most often filed under", () => {
    const articles = [filed("appeals", "jane-doe"), filed("appeals", "jane-doe"), filed("embassy-asylum", "jane-doe")];
    expect(suggest("A short note.", ["john-roe", "jane-doe"], shipped, articles)).toEqual(["appeals", ["jane-doe"]]);
    // One keyword for embassy-asylum against one person for appeals: a tie, which the earlier topic wins.
    expect(suggest("A short note about an embassy.", ["jane-doe"], shipped, articles)).toEqual(["embassy-asylum", ["embassy"]]);
  });

  it("takes the earlier topic of topics.yaml on a tie", () => {
    expect(suggest("An embassy and a vigil.")).toEqual(["embassy-asylum", ["embassy"]]);
  });

  it("uses the words of a topic's name for topics without a keyword list", () => {
    const own = [topic("hearings", "Court hearings"), topic("campaigns", "Campaigns")];
    expect(suggest("The hearing resumed in court.", [], own)).toEqual(["hearings", ["court", "hearing"]]);
  });

  it("falls back to the first topic, with no reasons, when nothing points anywhere", () => {
    expect(suggest("Nothing to see here.")).toEqual(["embassy-asylum", []]);
    expect(suggestTopic("Anything.", [], [], [])).toBeUndefined();
  });
});
