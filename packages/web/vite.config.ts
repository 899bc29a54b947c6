// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineConfig, type PluginOption } from "vite";
import react from "@vitejs/plugin-react";
import { integrityPlugin } from "./vite/sri-plugin";
import { serviceWorkerPlugin } from "./vite/sw-plugin";
import { wasmFilePlugin } from "./vite/wasm-file-plugin";

// The production build must run under the server's strict CSP (no inline
// script or style, same origin only) — see docs/adr/0004-web-stack.md.
export default defineConfig({
  // plugin-react is hoisted to the root, where its types resolve against the
  // root's newer vite (pulled in by vitest); at runtime it is version-agnostic.
  plugins: [react() as unknown as PluginOption, wasmFilePlugin(), serviceWorkerPlugin(), integrityPlugin()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The preload polyfill is unnecessary for our targets and would add code
    // that runs before our own.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into JS/CSS; keeps everything hashed
    // and covered by the asset manifest.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Pages and the crypto code are lazy chunks; each is pinned by SHA-384 in
    // the import map the SRI plugin writes (ADR 0004 §5).
    reportCompressedSize: true,
    rollupOptions: {
      output: {
        // Merge chunks smaller than this (before minifying) that only define code into a chunk loaded in the
        // same places. Each page otherwise waited for a dozen 1–3 KB chunks (text field, checkbox, auth
        // errors …): over HTTP/1.1 the browser opens six connections per host, so on a phone network every
        // further six requests cost a round trip (≈ 560 ms on Fast 3G) before the page can render; /signup
        // fetched 16 (docs/PERFORMANCE.md, bench:web). The crypto code stays a lazy chunk of its own.
        experimentalMinChunkSize: 12_000,
        // Each client language's catalogue is a chunk of its own, loaded only when that language is chosen
        // (ADR 0046); otherwise the merging above folds small page chunks into a catalogue, and visitors of
        // those pages download 30 KB of Arabic they never see.
        manualChunks(id) {
          const language = /\/i18n\/client-([a-z-]+)\.ts$/.exec(id)?.[1];
          return language && language !== "languages" ? `lang-${language}` : undefined;
        },
      },
    },
  },
  server: {
    // Dev server proxies the API to a locally running `obhut serve`.
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
