// SPDX-License-Identifier: AGPL-3.0-or-later
import { execFileSync } from "node:child_process";

/**
 * A downloaded PDF read back with Debian's poppler-utils (ADR 0043): the text of
 * its tagged paragraphs (`pdfinfo -struct-text`) and its fonts (`pdffonts`). A
 * missing tool throws, so the test fails rather than skips.
 */
export function pdfParagraphs(path: string): string[] {
  const out = execFileSync("pdfinfo", ["-enc", "UTF-8", "-struct-text", path], { encoding: "utf8" });
  const texts: string[] = [];
  let open = false;
  for (const line of out.split("\n").map((l) => l.trim())) {
    if (line === "") continue;
    const content = line.length >= 2 && line.startsWith('"') && line.endsWith('"');
    if (!content) open = false;
    else if (open) texts[texts.length - 1] += line.slice(1, -1);
    else {
      texts.push(line.slice(1, -1));
      open = true;
    }
  }
  return texts;
}

export function pdfFontNames(path: string): string[] {
  const out = execFileSync("pdffonts", [path], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .slice(2)
    .map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
}
