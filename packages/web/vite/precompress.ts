// SPDX-License-Identifier: AGPL-3.0-or-later
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(?:js|css|html|json|svg|webmanifest|wasm|txt)$/;

/**
 * Writes `file.br` (Brotli, quality 11) and `file.gz` (gzip -9) next to every
 * compressible build file over 1 KiB. The server sends these as-is to
 * browsers that accept them; compressing once at build time lets us use the
 * slow, small settings (the budget of issue 6 counts compressed bytes), and
 * both encoders are deterministic, so builds stay reproducible.
 */
export async function precompress(outDir: string): Promise<void> {
  const entries = await readdir(outDir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    const data = await readFile(path);
    if (data.byteLength < 1024) continue;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
      },
    });
    await writeFile(`${path}.br`, br);
    await writeFile(`${path}.gz`, gzipSync(data, { level: 9 }));
  }
}

/** Precompressed siblings are an encoding of another file, not files of their own. */
export function isPrecompressed(path: string): boolean {
  return path.endsWith(".br") || path.endsWith(".gz");
}
