// SPDX-License-Identifier: AGPL-3.0-or-later
// Builds the web app (packages/web/dist) only when what goes into it changed,
// and says so in one line; the build's own listing is printed only if it
// fails. What goes in: the web package, the crypto and protocol sources it
// bundles, and the lockfile (dependency versions). Their SHA-256 is kept in
// dist/.build-input; `--force` builds regardless.
// Usage: node scripts/build-web.mjs [--force]
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const web = join(root, "packages", "web");
const stampFile = join(web, "dist", ".build-input");
const INPUTS = [
  "packages/web/index.html",
  "packages/web/package.json",
  "packages/web/tsconfig.json",
  "packages/web/vite.config.ts",
  "packages/web/public",
  "packages/web/src",
  "packages/web/sw",
  "packages/web/vite",
  "packages/crypto/package.json",
  "packages/crypto/src",
  "packages/protocol/package.json",
  "packages/protocol/src",
  "package-lock.json",
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== "node_modules")
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => files(join(path, entry.name)));
}

function inputHash() {
  const hash = createHash("sha256");
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  }
  return hash.digest("hex");
}

const force = process.argv.includes("--force");
const wanted = inputHash();
const current = existsSync(join(web, "dist", "index.html")) && existsSync(stampFile) && readFileSync(stampFile, "utf8");
if (!force && current === wanted) {
  process.stdout.write("Web app is up to date (packages/web/dist).\n");
  process.exit(0);
}

const started = Date.now();
process.stdout.write("Building the web app … ");
const output = [];
const child = spawn("npm", ["run", "--silent", "build", "-w", "@obhut/web"], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
});
child.stdout.on("data", (chunk) => output.push(chunk));
child.stderr.on("data", (chunk) => output.push(chunk));
child.on("close", (code) => {
  if (code !== 0) {
    process.stdout.write("failed:\n");
    process.stdout.write(Buffer.concat(output));
    process.exit(code ?? 1);
  }
  writeFileSync(stampFile, wanted);
  process.stdout.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s.\n`);
});
