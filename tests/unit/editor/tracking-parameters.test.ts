import { describe, expect, it } from "vitest";
import { trackingParameters } from "../../../src/editor/tracking-parameters.ts";

describe("tracking parameters in a source URL", () => {
  it("names campaign and referral tags and gives the address without them", () => {
    expect(trackingParameters("https://www.example.com/news/story.html?ref=rss&utm_medium=rss&utm_source=rss_feed")).toEqual({
      names: ["ref", "utm_medium", "utm_source"],
      clean: "https://www.example.com/news/story.html",
    });
    expect(trackingParameters("https://www.example.co.uk/world/blog/2010/jul/26/logs?intcmp=239")?.clean).toBe("https://www.example.co.uk/world/blog/2010/jul/26/logs");
    expect(trackingParameters("https://example.com/article.html?ns_mchannel=rss&ito=1490&ns_campaign=1490")?.names).toEqual(["ns_mchannel", "ito", "ns_campaign"]);
    expect(trackingParameters("https://example.com/amp/story.html?ico=amp_articleRelated_with_images")?.names).toEqual(["ico"]);
  });

  it("counts ?print=print as tracking but keeps every parameter that picks the page, as written", () => {
    expect(trackingParameters("https://blog.example.net/2021/01/04/ruling/?print=print")?.clean).toBe("https://blog.example.net/2021/01/04/ruling/");
    expect(trackingParameters("https://example.org/cgi-bin/format.cgi?doc=/ew/cases/3313.html&utm_source=x&query=(2021)+AND+(ewhc)")?.clean).toBe(
      "https://example.org/cgi-bin/format.cgi?doc=/ew/cases/3313.html&query=(2021)+AND+(ewhc)",
    );
  });

  it("stays quiet about URLs without tracking parameters", () => {
    expect(trackingParameters("https://example.org/?p=14517")).toBeUndefined();
    expect(trackingParameters("https://example.com/story.html?amp")).toBeUndefined();
    expect(trackingParameters("https://example.com/article/43069?amp=1")).toBeUndefined();
    expect(trackingParameters("https://example.com/?print=1")).toBeUndefined();
    expect(trackingParameters("https://example.com/reference?preferred=1")).toBeUndefined();
    expect(trackingParameters("not a url")).toBeUndefined();
  });
});
