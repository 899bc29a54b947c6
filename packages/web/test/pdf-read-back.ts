// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FontLoader, PdfFontName } from "../src/pdf/font-set";

/**
 * Test helpers (Node only, never imported by the app): the fonts read from
 * node_modules, as the build ships them, and a PDF read back with Debian's
 * poppler-utils. A missing pdftotext or pdfinfo throws: CI must fail, not skip.
 */
const require = createRequire(import.meta.url);
export const FONT_FILES: Record<PdfFontName, string> = {
  latin: "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff",
  "latin-ext": "@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff",
  cyrillic: "@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff",
  "cyrillic-ext": "@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff",
  greek: "@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff",
  arabic: "@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff",
  emoji: "@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff",
};

const read = new Map<PdfFontName, Uint8Array>();
/** The same bytes for every PDF of a test file, so the writer parses each font once (as the app does per page load). */
export const diskFonts: FontLoader = async (name) => {
  const bytes = read.get(name) ?? new Uint8Array(readFileSync(require.resolve(FONT_FILES[name])));
  read.set(name, bytes);
  return bytes;
};

function withFile<T>(pdf: Uint8Array, read: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "obhut-pdf-"));
  try {
    const path = join(dir, "file.pdf");
    writeFileSync(path, pdf);
    return read(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdftotext` (reading order rebuilt from glyph positions), UTF-8, without page breaks. */
export function pdftotext(pdf: Uint8Array): string {
  return withFile(pdf, (path) =>
    execFileSync("pdftotext", ["-enc", "UTF-8", "-nopgbrk", path, "-"], { encoding: "utf8" }),
  );
}

/** The tagged structure as `pdfinfo -struct-text` reads it: each element with the text of its marked content. */
export function structureText(pdf: Uint8Array): { role: string; text: string }[] {
  const out = withFile(pdf, (path) =>
    execFileSync("pdfinfo", ["-enc", "UTF-8", "-struct-text", path], { encoding: "utf8" }),
  );
  const elements: { role: string; text: string }[] = [];
  for (const line of out.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2) {
      const last = elements.at(-1);
      if (last) last.text += trimmed.slice(1, -1);
    } else {
      elements.push({ role: trimmed.split(/\s/)[0]!, text: "" });
    }
  }
  return elements;
}

/** `pdffonts`: the embedded fonts, as "name emb sub uni" rows. */
export function pdffonts(pdf: Uint8Array): string {
  return withFile(pdf, (path) => execFileSync("pdffonts", [path], { encoding: "utf8" }));
}
