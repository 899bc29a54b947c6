// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { parseQuickExitUrl } from "./config";

describe("quick-exit target rule", () => {
  it("accepts https (and http on this machine) addresses", () => {
    expect(parseQuickExitUrl(" https://example.org/wetter ")).toBe("https://example.org/wetter");
    expect(parseQuickExitUrl("http://localhost:8080/")).toBe("http://localhost:8080/");
  });

  it.each(["javascript:alert(1)", "http://example.org/", "https://u:p@example.org/", "/x", "", undefined])(
    "refuses %s",
    (value) => expect(parseQuickExitUrl(value)).toBeUndefined(),
  );

  it("refuses addresses longer than the server stores", () => {
    expect(parseQuickExitUrl(`https://example.org/${"a".repeat(500)}`)).toBeUndefined();
  });
});
