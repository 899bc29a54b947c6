// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync, brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, inlineScriptHashes, loadStaticFiles } from "../../src/app/http/static-files";
import { tempDir } from "../helpers/databases";
import { startTestServer, type TestServer } from "../helpers/server";

const IMPORT_MAP = '{"integrity":{"/assets/a.js":"sha384-x"}}';
const INDEX = `<!doctype html><html><head><script type="importmap">${IMPORT_MAP}</script><script type="module" src="/assets/index.js"></script></head><body></body></html>`;
const SCRIPT = "console.log('obhut');\n".repeat(200);

/** A tiny "build": index.html with an import map, one script with .br/.gz siblings, one without. */
function fakeBuild(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "index.html"), INDEX);
  fs.writeFileSync(path.join(dir, "assets/index.js"), SCRIPT);
  fs.writeFileSync(path.join(dir, "assets/index.js.br"), brotliCompressSync(SCRIPT));
  fs.writeFileSync(path.join(dir, "assets/index.js.gz"), gzipSync(SCRIPT));
  fs.writeFileSync(path.join(dir, "assets/small.js"), "1;");
  fs.writeFileSync(path.join(dir, ".build-input"), "0".repeat(64));
  return dir;
}

describe("static files", () => {
  it("hashes exactly the inline scripts for the CSP, never scripts with a src", () => {
    const expected = "sha256-" + crypto.createHash("sha256").update(IMPORT_MAP).digest("base64");
    expect(inlineScriptHashes(INDEX)).toEqual([expected]);
    expect(inlineScriptHashes('<script src="/a.js"></script>')).toEqual([]);
  });

  it("serves precompressed siblings as encodings, never as files of their own (nor dotfiles)", () => {
    const { files } = loadStaticFiles(fakeBuild());
    expect([...files.keys()].sort()).toEqual(["/assets/index.js", "/assets/small.js", "/index.html"]);
    const script = files.get("/assets/index.js")!;
    expect(chooseEncoding(script, "gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding(script, "gzip")).toBe("gzip");
    expect(chooseEncoding(script, "br;q=0, gzip;q=0.5")).toBe("gzip");
    expect(chooseEncoding(script, undefined)).toBeUndefined();
    expect(chooseEncoding(files.get("/assets/small.js")!, "br, gzip")).toBeUndefined();
  });

  describe("over HTTP", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ env: { OBHUT_WEB_DIR: fakeBuild() } });
    });
    afterAll(() => server.stop());

    it("sends Brotli or gzip by Accept-Encoding with one ETag per representation, and the CSP allows the import map", async () => {
      const br = await server.app.inject({ url: "/assets/index.js", headers: { "accept-encoding": "gzip, br" } });
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers.vary).toBe("accept-encoding");
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
      const gz = await server.app.inject({ url: "/assets/index.js", headers: { "accept-encoding": "gzip" } });
      expect(gz.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
      expect(gz.headers.etag).not.toBe(br.headers.etag);
      const plain = await server.app.inject({ url: "/assets/index.js" });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.payload).toBe(SCRIPT);
      const notModified = await server.app.inject({
        url: "/assets/index.js",
        headers: { "accept-encoding": "br", "if-none-match": String(br.headers.etag) },
      });
      expect(notModified.statusCode).toBe(304);
      const index = await server.app.inject({ url: "/" });
      expect(String(index.headers["content-security-policy"])).toContain(`'${inlineScriptHashes(INDEX)[0]}'`);
    });
  });
});
