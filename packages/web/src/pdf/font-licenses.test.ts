// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { packageLicence, pinnedFonts, servedFontLicences } from "../../test/font-licences";

/** The SIL OFL asks that its text travel with the fonts: every Fontsource font the PDFs embed has it served beside the app. */
describe("font licences", () => {
  const served = servedFontLicences();
  const fonts = pinnedFonts();

  it.each(fonts)("%s %s: its licence text, for the pinned version", (name, version) => {
    expect(served).toContain(`=== ${name} (${version})`);
    expect(served).toContain(packageLicence(name).trim());
  });

  it("names at least the three fonts of ADR 0043", () => {
    expect(fonts.length).toBeGreaterThanOrEqual(3);
  });
});
