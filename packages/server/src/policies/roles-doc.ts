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
      ("anyTeamLead" in p ? "; team lead of any team of it" : "") +
      ("breakGlass" in p ? "; on a colleague's assigned case only with break glass (not the lead)" : "");
    return `| \`${action}\` | ${cells.join(" | ")} | ${scope} | ${p.summary} |`;
  });
  const legend = ROLES.map((r) => `- \`${r}\`: ${ROLE_LABELS[r]}`);
  return [header, rule, ...rows, "", ...legend].join("\n");
}

export const ROLES_DOC_BEGIN =
  "<!-- permission-table:begin — generated from packages/server/src/policies/permissions.ts; regenerate: UPDATE_ROLES_DOC=1 npx vitest run --project server packages/server/test/policies -->";
export const ROLES_DOC_END = "<!-- permission-table:end -->";

/**
 * The state gates: what the permission table alone cannot decide, because it
 * depends on the state of the case, the conversation or the person. Each is
 * one function in policies/gates/ (exported from policies/index.ts); docs/ROLES.md
 * embeds this list between its gate markers (a test checks both).
 */
export const GATES = [
  {
    gate: "Conversation membership",
    fn: "mayAct",
    file: "gates/conversation-membership.ts",
    refuses: "non-members and former members (404), broadcast subscribers sending (403)",
    code: "not_found / forbidden",
  },
  {
    gate: "Team chat members",
    fn: "formerMemberRefusal",
    file: "gates/conversation-membership.ts",
    refuses:
      "a removed (or departed) member of a team chat sending, publishing an epoch or uploading there; adding or removing members for anyone but the creator, an administrator or a team lead (`memberAdditionRefusal`, `memberRemovalRefusal`)",
    code: "membership_ended / forbidden",
  },
  {
    gate: "Broadcast channels",
    fn: "channelSubscriptionRefusal",
    file: "gates/channels.ts",
    refuses:
      "a channel subscriber posting or publishing an epoch; a client subscribing to a staff channel or to a channel of an organisation they have no case with (404)",
    code: "channel_read_only / not_found",
  },
  {
    gate: "Guideline confirmed",
    fn: "requireGuidelineConfirmed",
    file: "gates/guideline.ts",
    refuses: "staff case work and sends before confirming the current communication guideline",
    code: "guideline_not_confirmed",
  },
  {
    gate: "Case access",
    fn: "authorizeCase",
    file: "gates/case-access.ts",
    refuses: "case actions outside the permission table's case scope (team, assignee, lead)",
    code: "not_found / forbidden",
  },
  {
    gate: "Break glass",
    fn: "requireCaseConversationAccess",
    file: "gates/break-glass.ts",
    refuses: "a team member reading or sending on a colleague's assigned case without an active grant",
    code: "break_glass_required",
  },
  {
    gate: "Archive access",
    fn: "activeArchiveAccess",
    file: "gates/archive-access.ts",
    refuses:
      "an admin reading a case conversation's history and epochs without a DPO-approved, running archive access of their own (everything else stays refused)",
    code: "not_found",
  },
  {
    gate: "Case state",
    fn: "sendGate",
    file: "gates/send.ts",
    refuses: "sends into an archived case",
    code: "case_state",
  },
  {
    gate: "Art. 18 restriction",
    fn: "refuseIfRestricted",
    file: "gates/restriction.ts",
    refuses: "staff processing steps and sends on a restricted case or client; forwarding; retention",
    code: "case_restricted",
  },
  {
    gate: "Key directory",
    fn: "authorizeKeyWrapUpload",
    file: "gates/key-directory.ts",
    refuses: "org-log entries, key wraps and account resets by anyone but the organisation's admins (and own wraps)",
    code: "forbidden / not_found",
  },
  {
    gate: "Epoch rotation",
    fn: "epochSendRefusal",
    file: "gates/epoch-rotation.ts",
    refuses:
      "sends while a new epoch is owed (a reader left, or the current epoch reached the organisation's message or day limit), and envelopes sealed under an older epoch",
    code: "epoch_rotation_owed / epoch_outdated",
  },
  {
    gate: "Send",
    fn: "sendGate",
    file: "gates/send.ts",
    refuses: "every message: the gates above in one order, inside the commit transaction",
    code: "any of the above",
  },
] as const;

export function renderGateTable(): string {
  const header = "| Gate | Function | File (packages/server/src/policies/) | Refuses | Error code |";
  const rule = "|---|---|---|---|---|";
  const rows = GATES.map((g) => `| ${g.gate} | \`${g.fn}\` | \`${g.file}\` | ${g.refuses} | \`${g.code}\` |`);
  return [header, rule, ...rows].join("\n");
}

export const GATES_DOC_BEGIN =
  "<!-- gates:begin — generated from packages/server/src/policies/roles-doc.ts; regenerate: UPDATE_ROLES_DOC=1 npx vitest run --project server packages/server/test/policies -->";
export const GATES_DOC_END = "<!-- gates:end -->";
