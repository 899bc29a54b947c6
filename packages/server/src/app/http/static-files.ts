// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
  /** Content-hashed build output may be cached forever; everything else must revalidate. */
  immutable: boolean;
  /** Precompressed variants written by the build (`file.br`, `file.gz`). */
  encoded: { br?: Buffer; gzip?: Buffer };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

const FALLBACK_INDEX = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Obhut</title></head>
<body><main><h1>Obhut</h1><p>Die Web-Anwendung wurde noch nicht gebaut. Bitte <code>npm run build</code> ausführen.</p>
<p lang="en">The web app has not been built yet. Please run <code>npm run build</code>.</p></main></body></html>
`;

/**
 * Loads the built web app into memory once. Requests are answered by exact
 * lookup in this map, so no request path ever touches the filesystem: path
 * traversal is impossible by construction.
 */
export function loadStaticFiles(webDir: string): { files: Map<string, StaticFile>; built: boolean } {
  const files = new Map<string, StaticFile>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      // Dotfiles (e.g. the build's input stamp, scripts/build-web.mjs) are not part of the app.
      else if (entry.isFile() && !entry.name.startsWith(".") && !/\.(?:br|gz)$/.test(entry.name)) {
        const rel = "/" + path.relative(webDir, full).split(path.sep).join("/");
        const body = fs.readFileSync(full);
        const sibling = (ext: string) => (fs.existsSync(full + ext) ? fs.readFileSync(full + ext) : undefined);
        files.set(rel, {
          body,
          type: TYPES[path.extname(entry.name)] ?? "application/octet-stream",
          etag: `"${crypto.createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
          immutable: rel.startsWith("/assets/"),
          encoded: { br: sibling(".br"), gzip: sibling(".gz") },
        });
      }
    }
  };
  const built = fs.existsSync(path.join(webDir, "index.html"));
  if (built) walk(webDir);
  else {
    const body = Buffer.from(FALLBACK_INDEX);
    files.set("/index.html", { body, type: TYPES[".html"]!, etag: '"fallback"', immutable: false, encoded: {} });
  }
  return { files, built };
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;

/**
 * CSP hash sources ("sha256-…") for the inline scripts of the built
 * index.html. The build emits exactly one: the import map with the integrity
 * of each lazily loaded chunk. Scripts with a `src` are not inline and need
 * no hash (they are covered by 'self' and their own integrity attribute).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc=/.test(match[1] ?? "")) continue;
    hashes.push(
      "sha256-" +
        crypto
          .createHash("sha256")
          .update(match[2] ?? "", "utf8")
          .digest("base64"),
    );
  }
  return hashes;
}

/**
 * The variant to send for an Accept-Encoding header: Brotli, then gzip, else
 * identity. q=0 means "not acceptable"; other q-values are not ranked (every
 * browser that sends br prefers it).
 */
export function chooseEncoding(file: StaticFile, acceptEncoding: string | undefined): "br" | "gzip" | undefined {
  const accepted = new Set(
    (acceptEncoding ?? "")
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || !/^\s*q=0(?:\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (file.encoded.br && accepted.has("br")) return "br";
  if (file.encoded.gzip && accepted.has("gzip")) return "gzip";
  return undefined;
}
