// SPDX-License-Identifier: AGPL-3.0-or-later
import { fromBase64Url, isCryptoError, toBase64Url } from "@obhut/crypto";
import type { AccountView, InvitationGenesis, KeyBundle } from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError } from "../../core/errors";
import { presentAccount, startOpaqueRegistration } from "../identity";
import { recordAudit } from "../../core/audit";
import { syncTeamCases } from "../cases";
import { newId } from "../../core/ids";
import { INVALID_INVITATION, findUsableInvitation } from "./invitations";
import { insertKeyWraps } from "./keys";
import { storeNewOrgLog } from "./org-log";
import { insertAccountIfFree } from "./store-accounts";
import { claimInvitation } from "./store-invitations";
import { claimOrganisationRoot } from "./store-organisations";
import { insertTeamMember } from "./store-teams";

/** OPAQUE step 1 for an invited staff member; the token is checked, not consumed. */
export async function startInvitationRegistration(
  ctx: AppContext,
  props: { token: string; username: string; registrationRequest: string },
): Promise<string> {
  await findUsableInvitation(ctx.db.db, props.token, ctx.clock.now());
  return startOpaqueRegistration(ctx, props);
}

function rejected(why: string): AppError {
  return new AppError("org_log_rejected", `The organisation log entry was refused: ${why}`);
}

/** The first admin of an operator-created organisation brings its genesis, exactly like the first-start setup. */
async function storeGenesis(
  trx: Transaction<Database>,
  props: { orgId: string; accountId: string; keyBundle: KeyBundle; genesis: InvitationGenesis; now: number },
): Promise<void> {
  let entries: Uint8Array[];
  try {
    entries = props.genesis.orgLog.map(fromBase64Url);
  } catch (err) {
    if (isCryptoError(err)) throw rejected("bad_format");
    throw err;
  }
  // Only set the root key if nobody else did in the meantime: the organisation gets exactly one genesis.
  if (!(await claimOrganisationRoot(trx, props.orgId, props.genesis.organisationRootPublicKey)))
    throw new AppError("conflict", "This organisation already has a root key");
  const state = await storeNewOrgLog(trx, {
    orgId: props.orgId,
    rootPublicKey: props.genesis.organisationRootPublicKey,
    entries,
    now: props.now,
  });
  const admin = state.admins.get(props.keyBundle.signingPublicKey);
  if (
    !admin ||
    admin.accountId !== props.accountId ||
    toBase64Url(admin.encryptionKey) !== props.keyBundle.encryptionPublicKey
  ) {
    throw rejected("it does not make this account an administrator");
  }
  await insertKeyWraps(trx, {
    orgId: props.orgId,
    createdBy: props.accountId,
    now: props.now,
    wraps: [
      {
        kind: "org-root",
        refId: props.orgId,
        generation: 1,
        recipientAccountId: props.accountId,
        blob: props.genesis.orgRootWrap,
      },
      {
        kind: "archive",
        refId: props.orgId,
        generation: 1,
        recipientAccountId: props.accountId,
        blob: props.genesis.archiveWrap,
      },
    ],
  });
}

/**
 * Creates the invited staff account and consumes the invitation in one
 * transaction. The claim is a conditional UPDATE (still unused, unrevoked,
 * unexpired): of two concurrent finishes exactly one matches the row, the
 * other sees it used and gets `invitation_invalid`. Any later failure (name
 * taken, bad genesis) rolls the claim back so the link stays usable.
 */
export async function finishInvitationRegistration(
  ctx: AppContext,
  props: {
    token: string;
    username: string;
    /** Checked (trimmed, one line, bounded) by StaffDisplayName in @obhut/protocol. */
    displayName: string;
    registrationRecord: string;
    keyBundle: KeyBundle;
    genesis?: InvitationGenesis | undefined;
  },
): Promise<AccountView> {
  // Staff must be recoverable without the server: the recovery wrap is not optional for them.
  if (!props.keyBundle.masterWrapRecovery)
    throw new AppError("invalid_body", "Staff accounts need a recovery code (keyBundle.masterWrapRecovery)");
  const now = ctx.clock.now();
  const username = props.username.toLowerCase();
  const preview = await findUsableInvitation(ctx.db.db, props.token, now);
  if (preview.needsGenesis && (preview.role !== "org_admin" || !props.genesis)) {
    throw new AppError(
      "invalid_body",
      "This organisation has no log yet: its first administrator must create the genesis",
    );
  }
  if (!preview.needsGenesis && props.genesis)
    throw new AppError("invalid_body", "This organisation already has its genesis");
  const accountId = props.genesis?.accountId ?? newId();
  return ctx.db.db.transaction().execute(async (trx) => {
    const claimed = await claimInvitation(trx, preview.id, { usedBy: accountId, now });
    if (!claimed) throw new AppError("invitation_invalid", INVALID_INVITATION);
    const inserted = await insertAccountIfFree(trx, {
      id: accountId,
      organisation_id: claimed.organisation_id,
      username,
      kind: "staff",
      role: claimed.role,
      opaque_record: props.registrationRecord,
      key_bundle: JSON.stringify(props.keyBundle),
      created_at: now,
      disabled_at: null,
      display_name: props.displayName,
    });
    if (!inserted) throw new AppError("conflict", "This name is already taken; please choose another");
    if (props.genesis)
      await storeGenesis(trx, {
        orgId: claimed.organisation_id,
        accountId,
        keyBundle: props.keyBundle,
        genesis: props.genesis,
        now,
      });
    if (claimed.team_id) {
      await insertTeamMember(trx, { teamId: claimed.team_id, accountId, role: "member", addedAt: now });
      // The newcomer joins the team's open cases at once (and reads their history with the team key).
      await syncTeamCases(trx, now, claimed.team_id);
    }
    await recordAudit(trx, now, {
      organisationId: claimed.organisation_id,
      actorId: accountId,
      action: "invitation.accepted",
      target: { type: "invitation", id: claimed.id },
      data: { role: claimed.role, teamId: claimed.team_id, genesis: props.genesis !== undefined },
    });
    return presentAccount({
      id: accountId,
      username,
      kind: "staff",
      role: claimed.role,
      organisation_id: claimed.organisation_id,
    });
  });
}
