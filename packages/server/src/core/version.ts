// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";

/** The version of this Obhut build, read from the root package.json. */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
})();
