// SPDX-License-Identifier: AGPL-3.0-or-later
// Node-side reads for src/pdf/font-licenses.test.ts (the web sources themselves import no Node built-ins).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const web = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** The licence texts served at /licenses/fonts.txt. */
export const servedFontLicences = (): string => readFileSync(web("public/licenses/fonts.txt"), "utf8");

/** The web package's pinned Fontsource fonts, name → version. */
export function pinnedFonts(): [string, string][] {
  const pkg = JSON.parse(readFileSync(web("package.json"), "utf8")) as { dependencies: Record<string, string> };
  return Object.entries(pkg.dependencies).filter(([name]) => name.startsWith("@fontsource/"));
}

/** The licence file an installed font package ships. */
export const packageLicence = (name: string): string => readFileSync(web(`../../node_modules/${name}/LICENSE`), "utf8");
