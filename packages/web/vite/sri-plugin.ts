// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Plugin, ResolvedConfig } from "vite";
import { isPrecompressed, precompress } from "./precompress";

/**
 * Subresource Integrity and a published build manifest.
 *
 * - Adds `integrity="sha384-…"` and `crossorigin` to every script and to every
 *   stylesheet / modulepreload link in the built index.html, so a tampered
 *   file on a CDN or cache between server and browser is refused.
 * - Pins every other JavaScript chunk (the lazily loaded pages and the crypto
 *   code) in an import map's `integrity` table, the one way to give a dynamic
 *   `import()` an integrity check. The map is the page's only inline script;
 *   the server allows it by its SHA-256 in the CSP (ADR 0004 §5).
 * - Writes `dist/asset-manifest.json`: every file of the build with its
 *   SHA-384, sorted by path and without timestamps, so anyone can rebuild from
 *   the same commit and compare (reproducible-build check).
 */
export function integrityPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: "obhut:sri",
    apply: "build",
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
    },
    // After every generateBundle hook: Vite's import analysis still rewrites
    // chunk code there (dynamic-import preload markers), so hashes taken in
    // transformIndexHtml could describe code that is never served.
    async writeBundle(options, bundle) {
      const htmlPath = join(options.dir ?? join(config.root, config.build.outDir), "index.html");
      const html = await readFile(htmlPath, "utf8");
      const base = config.base;
      const sourceOf = (url: string): string | Uint8Array | undefined => {
        if (!url.startsWith(base)) return undefined;
        const item = bundle[url.slice(base.length)];
        if (!item) return undefined;
        return item.type === "chunk" ? item.code : item.source;
      };
      const chunks: Record<string, string> = {};
      for (const [fileName, item] of Object.entries(bundle)) {
        if (item.type === "chunk" && !item.isEntry) chunks[base + fileName] = sha384(item.code);
      }
      await writeFile(htmlPath, addImportMap(addIntegrity(html, sourceOf), chunks));
    },
    async closeBundle() {
      const outDir = join(config.root, config.build.outDir);
      // After the last rewrite of index.html (writeBundle above), before the manifest.
      await precompress(outDir);
      await writeAssetManifest(outDir);
    },
  };
}

export function sha384(data: string | Uint8Array): string {
  return "sha384-" + createHash("sha384").update(data).digest("base64");
}

const TAG = /<(script|link)\b[^>]*>/g;

/** Rewrites script/link tags; exported for unit tests. */
export function addIntegrity(html: string, sourceOf: (url: string) => string | Uint8Array | undefined): string {
  return html.replace(TAG, (tag, name: string) => {
    const isScript = name === "script";
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    if (!isScript && rel !== "stylesheet" && rel !== "modulepreload") return tag;
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!url) return tag;
    const source = sourceOf(url);
    if (source === undefined) {
      // A tag we cannot hash would silently escape SRI; fail the build.
      throw new Error(`obhut:sri: no build output for ${url}`);
    }
    let out = tag.replace(/\s+integrity="[^"]*"/, "");
    if (!/\bcrossorigin\b/.test(out)) out = out.replace(/^<(script|link)/, "<$1 crossorigin");
    return out.replace(/^<(script|link)/, `<$1 integrity="${sha384(source)}"`);
  });
}

/**
 * Inserts `<script type="importmap">{"integrity":{…}}</script>` before the
 * first module script (an import map must precede every module load).
 * Sorted keys keep the output, and so its CSP hash, reproducible.
 */
export function addImportMap(html: string, integrity: Record<string, string>): string {
  if (Object.keys(integrity).length === 0) return html;
  const sorted = Object.fromEntries(Object.entries(integrity).sort(([a], [b]) => a.localeCompare(b)));
  const tag = `<script type="importmap">${JSON.stringify({ integrity: sorted })}</script>`;
  const at = html.search(/<script\b[^>]*type="module"/);
  if (at < 0) throw new Error("obhut:sri: no module script to put the import map before");
  return html.slice(0, at) + tag + "\n    " + html.slice(at);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export interface AssetManifest {
  /** SHA-384 over the sorted "path hash" lines; one value to compare builds. */
  buildHash: string;
  files: Record<string, { sha384: string; bytes: number }>;
}

async function writeAssetManifest(outDir: string): Promise<void> {
  const files: AssetManifest["files"] = {};
  for (const abs of await listFiles(outDir)) {
    const path = "/" + relative(outDir, abs).split(sep).join("/");
    if (path === "/asset-manifest.json" || isPrecompressed(path)) continue;
    const data = await readFile(abs);
    files[path] = { sha384: sha384(data), bytes: data.byteLength };
  }
  const lines = Object.entries(files).map(([p, f]) => `${p} ${f.sha384}`);
  const manifest: AssetManifest = { buildHash: sha384(lines.join("\n")), files };
  await writeFile(join(outDir, "asset-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
}
