import { describe, expect, it } from "vitest";
import { html, trusted } from "../../src/html.ts";

describe("the html template tag", () => {
  it("escapes every value, in text and in attributes", () => {
    const value = `</script><script>alert("x")</script>' & "`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      "<p title=\"&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; &quot;\">&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; &amp; &quot;</p>",
    );
  });

  it("keeps nested markup and trusted HTML, joins lists and drops empty values", () => {
    expect(html`<ul>${["a<", "b"].map((x) => html`<li>${x}</li>`)}</ul>${null}${undefined}${false}${trusted("<b>ok</b>")}${0}`.value).toBe(
      "<ul><li>a&lt;</li><li>b</li></ul><b>ok</b>0",
    );
  });
});
