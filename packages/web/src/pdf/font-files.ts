// SPDX-License-Identifier: AGPL-3.0-or-later
import arabic from "@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff?url";
import emoji from "@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff?url";
import cyrillicExt from "@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff?url";
import cyrillic from "@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff?url";
import greek from "@fontsource/noto-sans/files/noto-sans-greek-400-normal.woff?url";
import latinExt from "@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff?url";
import latin from "@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff?url";
import type { PdfFontName } from "./font-set";

/**
 * The PDF fonts as hashed assets of the web build, served by Obhut itself
 * (no other origin) and fetched only when a PDF is made — this module is
 * reached through the PDF writer's lazy chunk alone. WOFF, not WOFF2: fontkit
 * subsets WOFF's plain glyph table; WOFF2's transformed one it cannot.
 */
const URLS: Record<PdfFontName, string> = {
  latin,
  "latin-ext": latinExt,
  cyrillic,
  "cyrillic-ext": cyrillicExt,
  greek,
  arabic,
  emoji,
};

const loaded = new Map<PdfFontName, Promise<Uint8Array>>();

/** A font's bytes, fetched once per page load (a failed fetch is tried again next time). */
export function fetchFont(name: PdfFontName): Promise<Uint8Array> {
  let bytes = loaded.get(name);
  if (!bytes) {
    bytes = fetch(URLS[name]).then(async (response) => {
      if (!response.ok) throw new Error("pdf_font_unavailable");
      return new Uint8Array(await response.arrayBuffer());
    });
    bytes.catch(() => loaded.delete(name));
    loaded.set(name, bytes);
  }
  return bytes;
}
