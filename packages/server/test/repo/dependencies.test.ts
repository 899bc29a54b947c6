// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/process";

interface Manifest {
  engines?: { node?: string };
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  overrides?: Record<string, string>;
}

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), "utf8")) as T;

/** Keeps `npm ci` quiet and reproducible on every Node version the project says it supports. */
describe("dependencies", () => {
  const root = readJson<Manifest>("package.json");
  const lock = readJson<{ packages: Record<string, LockEntry> }>("package-lock.json");

  it("every locked package supports the oldest Node version in engines (no EBADENGINE on install)", () => {
    const oldest = semver.minVersion(root.engines!.node!)!.version;
    const unsupported: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (range && !semver.satisfies(oldest, range))
        unsupported.push(`${location}@${entry.version} needs node ${range}`);
    }
    expect(unsupported, `Node ${oldest}`).toEqual([]);
  });

  it("every direct dependency and override is pinned to an exact version", () => {
    const manifests = ["package.json", ...root.workspaces!.map((w) => `${w}/package.json`)];
    const loose: string[] = [];
    for (const file of manifests) {
      const manifest = readJson<Manifest>(file);
      const specs = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.overrides };
      for (const [name, spec] of Object.entries(specs)) {
        if (semver.valid(spec) === null) loose.push(`${file}: ${name}@${spec}`);
      }
    }
    expect(loose).toEqual([]);
  });
});
