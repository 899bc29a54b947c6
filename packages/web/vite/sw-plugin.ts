// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const SOURCE = fileURLToPath(new URL("../sw/sw.js", import.meta.url));

/**
 * Emits `/sw.js` from sw/sw.js with a build id derived from the build output,
 * so each build gets its own cache and stale assets are dropped. The id is a
 * content hash (not a timestamp) to keep builds reproducible.
 */
export function serviceWorkerPlugin(): Plugin {
  return {
    name: "obhut:service-worker",
    apply: "build",
    enforce: "post",
    async generateBundle(_options, bundle) {
      const hash = createHash("sha256");
      for (const name of Object.keys(bundle).sort()) {
        const item = bundle[name]!;
        hash
          .update(name)
          .update("\0")
          .update(item.type === "chunk" ? item.code : item.source);
      }
      const buildId = hash.digest("hex").slice(0, 16);
      const source = await readFile(SOURCE, "utf8");
      this.emitFile({
        type: "asset",
        fileName: "sw.js",
        source: source.replaceAll("__OBHUT_BUILD_ID__", buildId),
      });
    },
  };
}
