// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { textDirection } from "./text-direction";

describe("textDirection", () => {
  it("follows the first letter, as dir=auto does", () => {
    expect(textDirection("Guten Tag")).toBe("ltr");
    expect(textDirection("مرحبا، كيف حالك؟")).toBe("rtl");
    expect(textDirection("سلام، چطوری؟")).toBe("rtl");
    expect(textDirection("שלום")).toBe("rtl");
    expect(textDirection("Привет")).toBe("ltr");
    expect(textDirection("Merhaba, nasılsın?")).toBe("ltr");
    // Digits and punctuation have no direction of their own: the first letter decides.
    expect(textDirection("112 – مرحبا Hallo")).toBe("rtl");
    expect(textDirection("  (1) Hallo مرحبا")).toBe("ltr");
  });

  it("leaves a text without letters to the page", () => {
    expect(textDirection("")).toBeUndefined();
    expect(textDirection("  123, 456!  ")).toBeUndefined();
  });

  it("decides a 10 MB text by its start", () => {
    const huge = "Sehr lange Nachricht. ".repeat(500_000);
    expect(textDirection(huge)).toBe("ltr");
  });
});
