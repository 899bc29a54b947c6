// SPDX-License-Identifier: AGPL-3.0-or-later
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { CONTENT_SECURITY_POLICY } from "../../server/src/app/http/security-headers";
import { REPO_ROOT } from "./stack";

/**
 * A test-only page that runs @obhut/crypto in real Chromium: built with Vite
 * into a temporary directory (never into the app's dist) and served by a
 * tiny static server with the production Content-Security-Policy, so WASM
 * (OPAQUE, Argon2id) must work under `script-src 'self' 'wasm-unsafe-eval'`
 * exactly as in the app.
 */
const HARNESS_DIR = fileURLToPath(new URL("../crypto-harness/", import.meta.url));
const VECTORS_DIR = join(REPO_ROOT, "test-vectors/crypto");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

export interface CryptoHarnessServer {
  readonly origin: string;
  readonly csp: string;
  stop(): Promise<void>;
}

export async function buildCryptoHarness(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "obhut-crypto-harness-"));
  await build({
    root: HARNESS_DIR,
    configFile: false,
    // "error": @hpke/common's optional `import("crypto")` for old Node triggers a
    // harmless "externalized for browser compatibility" warning; browsers use
    // globalThis.crypto.
    logLevel: "error",
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: "es2022",
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Serves `dir` at / and the checked-in vectors at /vectors/, every response with the production CSP. */
export async function serveCryptoHarness(dir: string): Promise<CryptoHarnessServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = new URL(request.url ?? "/", "http://harness").pathname;
      const [root, relative] = path.startsWith("/vectors/")
        ? [VECTORS_DIR, path.slice("/vectors/".length)]
        : [dir, path === "/" ? "index.html" : path.slice(1)];
      const file = normalize(join(root, relative));
      const headers = { "Content-Security-Policy": CONTENT_SECURITY_POLICY, "Cache-Control": "no-store" };
      if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || request.method !== "GET") {
        response.writeHead(404, headers).end();
        return;
      }
      try {
        if (!(await stat(file)).isFile()) throw new Error("not a file");
      } catch {
        response.writeHead(404, headers).end();
        return;
      }
      response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    csp: CONTENT_SECURITY_POLICY,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
