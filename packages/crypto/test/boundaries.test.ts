// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import * as api from "../src/index";
import { fingerprint, fingerprintMatches } from "../src/fingerprint";
import { generateSigningKeyPair } from "../src/primitives";

// Loaded by computed specifier so this package's tsconfig needs no Node types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node modules are untyped here on purpose
const nodeModule = (name: string): Promise<any> => import(/* @vite-ignore */ `node:${name}`);

describe("package boundaries", () => {
  it("src has no node:* imports, no DOM storage/window APIs and an SPDX header in every file", async () => {
    const fs = await nodeModule("fs");
    const path = await nodeModule("path");
    const url = await nodeModule("url");
    const root = path.join(path.dirname(url.fileURLToPath(import.meta.url)), "../src");
    const files: string[] = fs.readdirSync(root, { recursive: true }).filter((f: string) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text: string = fs.readFileSync(path.join(root, f), "utf8");
      expect(text.startsWith("// SPDX-License-Identifier: AGPL-3.0-or-later"), f).toBe(true);
      expect(text, f).not.toMatch(
        /from "node:|require\(|\bwindow\.|\bdocument\.|localStorage|sessionStorage|indexedDB|\bBuffer\b/,
      );
      expect(text.split("\n").length, f).toBeLessThanOrEqual(300);
    }
  });

  it("the entry point exposes the documented API", () => {
    for (const name of [
      "sealMessage",
      "openMessage",
      "verifyOrgLog",
      "createEncryptStream",
      "wrapKey",
      "restoreAccountKeys",
      "rotateTeamKey",
      "EpochTracker",
      "fingerprint",
      "CryptoError",
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });
});

describe("fingerprint", () => {
  it("is 12 groups of 5 digits, separates key kinds and tolerates spacing", () => {
    const k = generateSigningKeyPair().publicKey;
    const fp = fingerprint(k);
    expect(fp).toMatch(/^(\d{5} ){11}\d{5}$/);
    expect(fingerprint(k, "encryption")).not.toBe(fp);
    expect(fingerprintMatches(k, fp.replace(/ /g, "\n"))).toBe(true);
    expect(fingerprintMatches(generateSigningKeyPair().publicKey, fp)).toBe(false);
  });
});
