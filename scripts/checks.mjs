// SPDX-License-Identifier: AGPL-3.0-or-later
// Runs the named npm scripts at the same time (typecheck and lint are each one
// process on one core; this machine kind has two) and prints each one's output
// once it ends, so the log reads as if they had run one after another.
// Exits non-zero if any of them failed. Usage: node scripts/checks.mjs typecheck lint build
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: node scripts/checks.mjs <npm script> [<npm script> …]");
  process.exit(2);
}

function run(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", name], { stdio: ["ignore", "pipe", "pipe"] });
    const output = [];
    child.stdout.on("data", (chunk) => output.push(chunk));
    child.stderr.on("data", (chunk) => output.push(chunk));
    child.on("error", (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on("close", (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(Buffer.concat(output));
      process.stdout.write(`${code === 0 ? "✓" : "✗"} npm run ${name} (${seconds} s)\n`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(names.map(run));
process.exit(results.every(Boolean) ? 0 : 1);
