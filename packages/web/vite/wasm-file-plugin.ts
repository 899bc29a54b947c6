// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Plugin } from "vite";
import { sha384 } from "./sri-plugin";

/** The OPAQUE library's ES module: it embeds its WebAssembly as one base64 string. */
const OPAQUE_MODULE = /[\\/]@serenity-kit[\\/]opaque[\\/]esm[\\/]index\.js$/;
const EMBEDDED = /function wasmData\(imports\)\s*\{\s*return _loadWasmModule\(0, null, '([A-Za-z0-9+/=]+)'\)\s*\}/;

/**
 * Serves OPAQUE's WebAssembly as its own `.wasm` file (issue #15, quality
 * bars) instead of a base64 string inside a JavaScript chunk: a third fewer
 * bytes before compression, no megabyte-long string for the JavaScript parser,
 * and the browser compiles it while it streams in
 * (`WebAssembly.compileStreaming`).
 *
 * The file is hashed like every asset, and the fetch carries its SHA-384 as
 * `integrity`, so it is pinned exactly as the chunk that loads it is (the
 * import map of ADR 0004 §5). Node (tests, the server) keeps the library's own
 * embedded copy; only the browser build changes. If a library update changes
 * the embedding, the build fails rather than silently keeping the inline copy.
 */
export function wasmFilePlugin(): Plugin {
  return {
    name: "obhut:wasm-file",
    apply: "build",
    transform(code, id) {
      if (!OPAQUE_MODULE.test(id)) return null;
      const found = EMBEDDED.exec(code);
      if (!found) this.error("obhut:wasm-file: @serenity-kit/opaque no longer embeds its WebAssembly as expected");
      const bytes = Buffer.from(found[1]!, "base64");
      const ref = this.emitFile({ type: "asset", name: "opaque.wasm", source: bytes });
      const load =
        `function wasmData() {` +
        ` return fetch(import.meta.ROLLUP_FILE_URL_${ref}, { integrity: ${JSON.stringify(sha384(bytes))} })` +
        `.then(function (response) {` +
        ` if (!response.ok) throw new Error("opaque.wasm: HTTP " + response.status);` +
        ` return WebAssembly.compileStreaming(response); }); }`;
      return { code: code.replace(found[0], load), map: null };
    },
  };
}
