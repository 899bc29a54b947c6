// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as policies from "../../src/policies";
import { GATES_DOC_BEGIN, GATES_DOC_END } from "../../src/policies/roles-doc";
import { REPO_ROOT } from "../helpers/process";

describe("the state gates", () => {
  it("each is a function of policies/ in the file the list names", () => {
    for (const gate of policies.GATES) {
      const file = path.join(REPO_ROOT, "packages/server/src/policies", gate.file);
      expect(fs.existsSync(file), gate.file).toBe(true);
      expect(fs.readFileSync(file, "utf8"), `${gate.file} defines ${gate.fn}`).toMatch(
        new RegExp(`export (async )?function ${gate.fn}\\b`),
      );
      expect(typeof (policies as Record<string, unknown>)[gate.fn], `policies exports ${gate.fn}`).toBe("function");
    }
  });

  it("docs/ROLES.md shows exactly this list", () => {
    const file = path.join(REPO_ROOT, "docs/ROLES.md");
    const doc = fs.readFileSync(file, "utf8");
    const begin = doc.indexOf(GATES_DOC_BEGIN);
    const end = doc.indexOf(GATES_DOC_END);
    expect(begin, "docs/ROLES.md needs the gates markers").toBeGreaterThan(-1);
    const expected = `${GATES_DOC_BEGIN}\n${policies.renderGateTable()}\n${GATES_DOC_END}`;
    const actual = doc.slice(begin, end + GATES_DOC_END.length);
    if (actual !== expected && process.env.UPDATE_ROLES_DOC === "1") {
      fs.writeFileSync(file, doc.slice(0, begin) + expected + doc.slice(end + GATES_DOC_END.length));
      return;
    }
    expect(actual).toBe(expected);
  });
});
