// SPDX-License-Identifier: AGPL-3.0-or-later
import type { StaffRole } from "@obhut/protocol";

/**
 * Bulk invitations from a CSV file, parsed and checked in the browser.
 *
 * Why client-side: an invitation carries only a role and a team — the
 * server never learns whom it is for. The first column (a name or e-mail
 * address) is only the admin's note of whom to hand each link to, so it
 * stays in this tab; a server-side import would have to receive those
 * personal data for nothing. The import then calls the ordinary invite API
 * once per row (same checks, same audit events, same rate limit).
 *
 * Format: header optional; columns `person,role,team` separated by comma or
 * semicolon (spreadsheets in German locales write semicolons); quotes as in
 * RFC 4180. Roles in English or German. Team by name (case-insensitive).
 */

export const CSV_MAX_BYTES = 100_000;
export const CSV_MAX_ROWS = 200;

const ROLE_NAMES: Record<string, StaffRole> = {
  counsellor: "counsellor",
  beraterin: "counsellor",
  berater: "counsellor",
  fachkraft: "counsellor",
  org_admin: "org_admin",
  admin: "org_admin",
  administration: "org_admin",
  dpo: "dpo",
  datenschutz: "dpo",
  report_office: "report_office",
  meldestelle: "report_office",
};

export type RowProblem = "person_missing" | "person_too_long" | "role_unknown" | "team_unknown" | "duplicate";

export interface PlannedRow {
  /** 1-based line in the file. */
  line: number;
  person: string;
  role: StaffRole | null;
  roleText: string;
  team: { id: string; name: string } | null;
  teamText: string;
  problems: RowProblem[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  /** File-level refusal: too large, too many rows, no rows. */
  refused: "too_large" | "too_many_rows" | "empty" | null;
}

/** RFC 4180 fields; the separator is whichever of `;` and `,` the first line has more of. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === sep) {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.map((r) => r.map((f) => f.trim())).filter((r) => r.some((f) => f !== ""));
}

const isHeader = (row: string[]) =>
  /^(person|name|e-?mail|wer)/i.test(row[0] ?? "") && /^(role|rolle)/i.test(row[1] ?? "");

/** The dry run: what each row would do, and why a row would be skipped. Nothing is sent. */
export function planImport(text: string, teams: readonly { id: string; name: string }[]): ImportPlan {
  if (new TextEncoder().encode(text).length > CSV_MAX_BYTES) return { rows: [], refused: "too_large" };
  const parsed = parseCsv(text);
  const data = parsed.length > 0 && isHeader(parsed[0]!) ? parsed.slice(1) : parsed;
  if (data.length === 0) return { rows: [], refused: "empty" };
  if (data.length > CSV_MAX_ROWS) return { rows: [], refused: "too_many_rows" };
  const offset = data === parsed ? 1 : 2;
  const seen = new Set<string>();
  const byName = new Map(teams.map((t) => [t.name.trim().toLowerCase(), t]));
  const rows = data.map((fields, i): PlannedRow => {
    const [person = "", roleText = "", teamText = ""] = fields;
    const problems: RowProblem[] = [];
    if (person === "") problems.push("person_missing");
    if (person.length > 200) problems.push("person_too_long");
    const role = ROLE_NAMES[roleText.toLowerCase()] ?? null;
    if (!role) problems.push("role_unknown");
    const team = teamText === "" ? null : (byName.get(teamText.toLowerCase()) ?? null);
    if (teamText !== "" && !team) problems.push("team_unknown");
    const key = person.toLowerCase();
    if (person !== "" && seen.has(key)) problems.push("duplicate");
    seen.add(key);
    return { line: i + offset, person, role, roleText, team, teamText, problems };
  });
  return { rows, refused: null };
}
