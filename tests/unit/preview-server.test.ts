import { describe, expect, it } from "vitest";
import { requestPath, servingLine } from "../../src/preview-server.ts";

describe("the preview server's reading of a request path", () => {
  it("decodes an ordinary path, query and all", () => {
    expect(requestPath("/2020/12/11/letter/")).toBe("/2020/12/11/letter/");
    expect(requestPath("/search/?q=%ff")).toBe("/search/");
    expect(requestPath("/topics/caf%C3%A9/")).toBe("/topics/café/");
    // Literal and encoded dot segments are resolved by the URL parser and cannot climb above the root.
    expect(requestPath("/../../etc/passwd")).toBe("/etc/passwd");
    expect(requestPath("/%2e%2e/%2E%2E/etc/passwd")).toBe("/etc/passwd");
  });

  it("refuses malformed percent-encoding and any path that decodes to one leaving the site", () => {
    for (const target of ["/%ff", "/%E0%A4%A", "/%", "/..%2fx", "/%2e%2e%2f%2e%2e%2fetc/passwd", "/assets/..%2F..%2Fpackage.json", "/..%5cx", "/%00", "//host/..%2f"]) {
      expect(`${target} ${requestPath(target)}`).toBe(`${target} undefined`);
    }
  });
});

describe("the line npm start prints once it listens", () => {
  it("says a loopback preview is for this machine only", () => {
    expect(servingLine("127.0.0.1", 8080, "/")).toBe("Serving http://127.0.0.1:8080/ to this machine only (--host 0.0.0.0 shares it on the network).");
    expect(servingLine("::1", 8080, "/case/")).toBe("Serving http://[::1]:8080/case/ to this machine only (--host 0.0.0.0 shares it on the network).");
  });

  it("says a preview on any other address is on the network, drafts included", () => {
    expect(servingLine("192.0.2.2", 8080, "/")).toBe(
      "Serving http://192.0.2.2:8080/ on the network: any machine that can reach this one sees the preview, drafts included.",
    );
    expect(servingLine("0.0.0.0", 3000, "/")).toBe(
      "Serving http://localhost:3000/ on the network (every address of this machine): any machine that can reach this one sees the preview, drafts included.",
    );
  });
});
