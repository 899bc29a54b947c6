// SPDX-License-Identifier: AGPL-3.0-or-later
import { ACTIONS, PERMISSIONS } from "./permissions";
import { ROLES, ROLE_LABELS } from "./roles";

const SCOPE_TEXT = {
  own: "own only",
  organisation: "same organisation",
  team: "same organisation; team lead of that team",
  instance: "instance",
  case: "own case (client) or member of the case's team; team lead of that team",
} as const;

/** The permission table as Markdown; docs/ROLES.md embeds exactly this between its markers. */
export function renderPermissionTable(): string {
  const header = `| Action | ${ROLES.join(" | ")} | Scope | What |`;
  const rule = `|---|${ROLES.map(() => ":-:").join("|")}|---|---|`;
  const rows = ACTIONS.map((action) => {
    const p = PERMISSIONS[action];
    const cells = ROLES.map((r) => ((p.roles as readonly string[]).includes(r) ? "✓" : "—"));
    const scope =
      SCOPE_TEXT[p.scope] +
      ("notSelf" in p ? ", not oneself" : "") +
      ("notAuthor" in p ? ", not the draft's author" : "") +
      ("assigneeOrLead" in p ? "; a counsellor only as the assignee" : "") +
      ("membersOnly" in p ? "; a counsellor only for their own teams" : "") +
      ("breakGlass" in p ? "; on a colleague's assigned case only with break glass (not the lead)" : "");
    return `| \`${action}\` | ${cells.join(" | ")} | ${scope} | ${p.summary} |`;
  });
  const legend = ROLES.map((r) => `- \`${r}\`: ${ROLE_LABELS[r]}`);
  return [header, rule, ...rows, "", ...legend].join("\n");
}

export const ROLES_DOC_BEGIN =
  "<!-- permission-table:begin — generated from packages/server/src/policies/permissions.ts; regenerate: UPDATE_ROLES_DOC=1 npx vitest run --project server packages/server/test/policies -->";
export const ROLES_DOC_END = "<!-- permission-table:end -->";
