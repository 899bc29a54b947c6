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

  it("one implementation per primitive: X25519 from @noble/curves, Argon2id from hash-wasm (docs/CRYPTO.md §1)", async () => {
    const fs = await nodeModule("fs");
    const path = await nodeModule("path");
    const url = await nodeModule("url");
    const packages = path.join(path.dirname(url.fileURLToPath(import.meta.url)), "../..");
    // Module specifier (prefix) → the only source files allowed to import it.
    const allowed: Record<string, string[]> = {
      "@noble/curves": ["crypto/src/primitives.ts", "crypto/src/hpke.ts"],
      "hash-wasm": ["crypto/src/recovery-code.ts"],
      // Second X25519 / Argon2 implementations; none may be used directly.
      "@hpke/dhkem-x25519": [],
      "@stablelib/x25519": [],
      tweetnacl: [],
      "libsodium-wrappers": [],
      argon2: [],
      "argon2-browser": [],
      "@node-rs/argon2": [],
    };
    const offenders: string[] = [];
    for (const pkg of fs.readdirSync(packages) as string[]) {
      const manifest = JSON.parse(fs.readFileSync(path.join(packages, pkg, "package.json"), "utf8"));
      for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
        if (allowed[name]?.length === 0) offenders.push(`${pkg}/package.json depends on ${name}`);
      }
      const src = path.join(packages, pkg, "src");
      if (!fs.existsSync(src)) continue;
      for (const f of fs.readdirSync(src, { recursive: true }) as string[]) {
        if (!/\.tsx?$/.test(f)) continue;
        const file = `${pkg}/src/${f.split(path.sep).join("/")}`;
        const text: string = fs.readFileSync(path.join(src, f), "utf8");
        for (const [, specifier] of text.matchAll(/from "([^"]+)"|import\("([^"]+)"\)/g)) {
          const impl = Object.keys(allowed).find((name) => specifier === name || specifier?.startsWith(`${name}/`));
          if (impl && !allowed[impl]!.includes(file)) offenders.push(`${file} imports ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
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
