// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { CSV_MAX_ROWS, parseCsv, planImport } from "./csv-import";

const teams = [{ id: "team-00000001", name: "Team Nord" }];

describe("CSV bulk invitations", () => {
  it("parses quotes, doubled quotes, CRLF and semicolons", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\nd,e,f\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["d", "e", "f"],
    ]);
    expect(parseCsv("a;b,c;d\n")).toEqual([["a", "b,c", "d"]]);
  });

  it("plans each row: role names in both languages, team by name, problems per row", () => {
    const plan = planImport(
      "Person;Rolle;Team\nanna@example.org;Beraterin;team nord\nBen;admin;\n;counsellor;\nanna@example.org;dpo;\nCem;chef;Team Süd\n",
      teams,
    );
    expect(plan.refused).toBeNull();
    expect(plan.rows.map((r) => [r.line, r.role, r.team?.id ?? null, r.problems])).toEqual([
      [2, "counsellor", "team-00000001", []],
      [3, "org_admin", null, []],
      [4, "counsellor", null, ["person_missing"]],
      [5, "dpo", null, ["duplicate"]],
      [6, null, null, ["role_unknown", "team_unknown"]],
    ]);
  });

  it("refuses empty, too long and too large files as a whole", () => {
    expect(planImport("person,role\n", teams).refused).toBe("empty");
    expect(planImport("x,counsellor\n".repeat(CSV_MAX_ROWS + 1), teams).refused).toBe("too_many_rows");
    expect(planImport("x".repeat(100_001), teams).refused).toBe("too_large");
  });
});
