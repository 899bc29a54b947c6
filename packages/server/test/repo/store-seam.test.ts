// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/process";

/**
 * A data-access seam per module (issue #12, item 1; ADR 0024): in
 * `packages/server/src/modules/**`, services and routes never write SQL.
 * Kysely's query builders and the `sql` tag from kysely appear only in a
 * module's store files (`store.ts`, `store-<area>.ts`), where every query has
 * a name. Read from the syntax tree, so comments and strings do not count.
 */

const MODULES = path.join(REPO_ROOT, "packages/server/src/modules");
const BUILDERS = new Set([
  "selectFrom",
  "insertInto",
  "updateTable",
  "deleteFrom",
  "replaceInto",
  "selectNoFrom",
  "mergeInto",
]);
const isStore = (file: string) => /^store(-[a-z0-9-]+)?\.ts$/.test(path.basename(file));

function moduleFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return moduleFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every query-building site in a source text: `.selectFrom(` and friends, and uses of kysely's `sql`. */
export function querySites(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const sqlNames = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== "kysely") continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if ((element.propertyName ?? element.name).text === "sql" && !element.isTypeOnly)
          sqlNames.add(element.name.text);
      }
    }
  }
  const sites: string[] = [];
  const where = (node: ts.Node) =>
    `${path.basename(fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      BUILDERS.has(node.expression.name.text)
    ) {
      sites.push(`${where(node)} .${node.expression.name.text}(`);
    } else if (ts.isIdentifier(node) && sqlNames.has(node.text) && !ts.isImportSpecifier(node.parent)) {
      sites.push(`${where(node)} sql`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

describe("store seam", () => {
  it("finds builders and kysely's sql tag, not words in comments", () => {
    const text = [
      'import { sql as q } from "kysely";',
      '// db.selectFrom("accounts") in a comment',
      'const a = db.selectFrom("accounts");',
      "const b = q`now()`;",
      'const c = "deleteFrom(";',
    ].join("\n");
    expect(querySites("x.ts", text)).toEqual(["x.ts:3 .selectFrom(", "x.ts:4 sql"]);
  });

  it("keeps every query of a module in its store files", () => {
    const offenders = moduleFiles(MODULES)
      .filter((file) => !isStore(file))
      .flatMap((file) =>
        querySites(file, fs.readFileSync(file, "utf8")).map(
          (site) => `${path.relative(MODULES, path.dirname(file))}/${site}`,
        ),
      );
    expect(offenders).toEqual([]);
  });

  it("gives every module a store", () => {
    const modules = fs.readdirSync(MODULES, { withFileTypes: true }).filter((e) => e.isDirectory());
    const without = modules.filter((m) => !fs.readdirSync(path.join(MODULES, m.name)).some(isStore)).map((m) => m.name);
    expect(without).toEqual([]);
  });
});
