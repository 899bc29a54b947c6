// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/process";

/**
 * No import cycles in the server's or the web app's src/ (issue #12, item 6).
 * Every relative `import`, `import type`, `export … from` and dynamic
 * `import()` is an edge: a type-only cycle still ties the modules together for
 * anyone reading or moving them.
 */

const ROOTS = ["packages/server/src", "packages/web/src"];

/**
 * Cycles that remain, as the sorted files of each strongly connected
 * component. This list only shrinks: the guard fails when a listed cycle is
 * gone, so fixing one means deleting its entry.
 */
const KNOWN_CYCLES: { files: string[]; reason: string }[] = [];

type Graph = ReadonlyMap<string, readonly string[]>;

/** Tarjan's strongly connected components; returns those with more than one node (or a self-import). */
function cyclicComponents(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component.sort());
    }
  };

  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** One shortest cycle through the first file of a component, for the failure message. */
function cyclePath(graph: Graph, component: readonly string[]): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = previous.get(at)!) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** Resolves a relative specifier as TypeScript's bundler resolution does: file, then .ts/.tsx, then index. */
function resolve(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
    // `./x.js` written for Node's ESM resolution points at `./x.ts`.
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.js$/, ".tsx"),
  ];
  return candidates.find(
    (candidate) => /\.tsx?$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
  );
}

function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  const relative = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join("/");
  for (const root of ROOTS) {
    for (const file of sourceFiles(path.join(REPO_ROOT, root))) {
      const info = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
      const targets = new Set<string>();
      for (const { fileName } of info.importedFiles) {
        if (!fileName.startsWith(".")) continue;
        const target = resolve(file, fileName);
        if (target !== undefined) targets.add(relative(target));
        // Stylesheets and other assets are leaves; only a missing file is a mistake here.
        else if (!fs.existsSync(path.resolve(path.dirname(file), fileName)))
          unresolved.push(`${relative(file)}: ${fileName}`);
      }
      graph.set(relative(file), [...targets].sort());
    }
  }
  return { graph, unresolved };
}

describe("cycle finder", () => {
  it("finds each strongly connected component with more than one file, and a path around it", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", ["e"]],
      ["e", ["d", "f"]],
      ["f", []],
      ["g", ["g"]],
    ]);
    expect(cyclicComponents(graph)).toEqual([["a", "b", "c"], ["d", "e"], ["g"]]);
    expect(cyclePath(graph, ["a", "b", "c"])).toEqual(["a", "b", "c", "a"]);
    expect(
      cyclicComponents(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("sees type-only, re-export and dynamic imports", () => {
    const source = [
      'import type { A } from "./a";',
      'export { B } from "./b";',
      'export * from "./c";',
      'const d = await import("./d");',
      'import e from "./e";',
    ].join("\n");
    const names = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
    expect(names.sort()).toEqual(["./a", "./b", "./c", "./d", "./e"]);
  });
});

describe("import cycles", () => {
  const { graph, unresolved } = importGraph();
  const components = cyclicComponents(graph);
  const key = (files: readonly string[]) => [...files].sort().join(" ");

  it("every relative import resolves to a file in the tree", () => {
    expect(unresolved).toEqual([]);
  });

  it("src/ has no import cycles other than the known ones", () => {
    const known = new Set(KNOWN_CYCLES.map((cycle) => key(cycle.files)));
    const unexpected = components
      .filter((component) => !known.has(key(component)))
      .map((component) => `${component.join(", ")}\n    e.g. ${cyclePath(graph, component).join(" → ")}`);
    expect(unexpected).toEqual([]);
  });

  it("every known cycle still exists (fixed ones leave the list)", () => {
    const found = new Set(components.map(key));
    const gone = KNOWN_CYCLES.filter((cycle) => !found.has(key(cycle.files))).map((cycle) => cycle.reason);
    expect(gone).toEqual([]);
  });
});

/** The server's layer or module of a file: "core", "infra", "policies", "app", "cli" or "modules/<name>". */
function layerOf(file: string): string {
  const parts = file.replace("packages/server/src/", "").split("/");
  return parts[0] === "modules" ? `modules/${parts[1]}` : parts.length === 1 ? "src" : parts[0]!;
}

describe("server layers (ADR 0024)", () => {
  const { graph } = importGraph();
  const layers = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    if (!file.startsWith("packages/server/src/") || file.endsWith(".test.ts")) continue;
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== from) layers.set(from, (layers.get(from) ?? new Set()).add(to));
    }
  }
  const layerGraph = new Map([...layers].map(([from, to]) => [from, [...to].sort()]));

  it("has no cycle between modules or layers (messaging never imports cases)", () => {
    const cycles = cyclicComponents(layerGraph).map((c) => cyclePath(layerGraph, c).join(" → "));
    expect(cycles).toEqual([]);
    expect(layerGraph.get("modules/messaging") ?? []).not.toContain("modules/cases");
  });

  it("core/, infra/ and policies/ import no module, app/ or cli/; modules import no app/ or cli/", () => {
    const wrong = [...layerGraph].flatMap(([from, to]) =>
      to
        .filter((target) =>
          ["core", "infra", "policies"].includes(from)
            ? target.startsWith("modules/") || target === "app" || target === "cli"
            : from.startsWith("modules/") && (target === "app" || target === "cli"),
        )
        .map((target) => `${from} → ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it("services/, routes/ and presenters/ are gone", () => {
    for (const old of ["services", "routes", "presenters", "http"])
      expect(fs.existsSync(path.join(REPO_ROOT, "packages/server/src", old)), old).toBe(false);
  });
});
