// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARS } from "../../src/infra/config/config";
import { REPO_ROOT } from "../helpers/process";

/** Keeps the docs true: every setting and every CLI command is documented where operators look. */
describe("documentation", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

  it("README lists every configuration variable with its flag", () => {
    for (const spec of Object.values(CONFIG_VARS)) {
      expect(readme, spec.env).toContain(`\`${spec.env}\``);
      expect(readme, spec.flag).toContain(`\`${spec.flag}\``);
    }
  });

  it("README shows the exact run and test commands, and .ci/run uses the same test command", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm run demo");
    expect(readme).toMatch(/```sh\nnpm run verify\n```/);
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci/run"), "utf8");
    expect(ci).toMatch(/^npm run verify$/m);
    // The one test command checks formatting too.
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.verify).toMatch(/^npm run format:check && npm test$/);
  });

  it("every source file carries an SPDX licence header", () => {
    const missing: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (["node_modules", "dist", ".git"].includes(entry.name)) continue;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
          const head = fs.readFileSync(full, "utf8").slice(0, 300);
          if (!head.includes("SPDX-License-Identifier: AGPL-3.0-or-later"))
            missing.push(path.relative(REPO_ROOT, full));
        }
      }
    };
    walk(path.join(REPO_ROOT, "packages"));
    walk(path.join(REPO_ROOT, "scripts"));
    expect(missing).toEqual([]);
  });

  it("has the documents the README links to", () => {
    for (const link of readme.matchAll(/\]\((docs\/[^)#]+)\)/g)) {
      expect(fs.existsSync(path.join(REPO_ROOT, link[1]!)), link[1]).toBe(true);
    }
  });
});
