// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { fromBase64Url, isCryptoError, toBase64Url } from "@obhut/crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import { recordAudit } from "../../core/audit";
import { sha256, timingSafeEqualStrings } from "../../core/ids";
import { startOpaqueRegistration, presentAccount } from "../identity";
import { insertKeyWraps } from "./keys";
import { storeNewOrgLog } from "./org-log";
import { accountIdTaken, insertAccount, usernameTaken } from "./store-accounts";
import {
  deleteInstanceSetting,
  findInstanceSetting,
  insertInstanceSettingOnce,
  insertOrganisation,
  organisationExists,
  storeInstanceSetting,
} from "./store-organisations";

const TOKEN_KEY = "setup_token_hash";
const DONE_KEY = "setup_completed_at";

export async function isSetupDone(ctx: AppContext): Promise<boolean> {
  return (await findInstanceSetting(ctx.db.db, DONE_KEY)) !== undefined;
}

/**
 * Called on start: while no organisation has been set up, issue a fresh
 * one-time token (replacing any earlier one) and return it so the CLI can
 * print the link. Only its hash is stored.
 */
export async function issueSetupToken(ctx: AppContext): Promise<string | undefined> {
  if (await isSetupDone(ctx)) return undefined;
  const token = crypto.randomBytes(24).toString("base64url");
  const now = ctx.clock.now();
  await storeInstanceSetting(ctx.db.db, TOKEN_KEY, sha256(token), now);
  return token;
}

export async function verifySetupToken(ctx: AppContext, token: string): Promise<void> {
  if (await isSetupDone(ctx)) throw new AppError("setup_already_done", "This Obhut has already been set up");
  const stored = await findInstanceSetting(ctx.db.db, TOKEN_KEY);
  if (stored === undefined || !timingSafeEqualStrings(stored, sha256(token))) {
    throw new AppError(
      "setup_token_invalid",
      "This setup link is not valid; use the newest link printed by the server",
    );
  }
}

export async function startAdminRegistration(
  ctx: AppContext,
  props: { token: string; username: string; registrationRequest: string },
): Promise<string> {
  await verifySetupToken(ctx, props.token);
  return startOpaqueRegistration(ctx, props);
}

export interface FinishSetupProps {
  token: string;
  organisationName: string;
  username: string;
  /** Checked (trimmed, one line, bounded) by StaffDisplayName in @obhut/protocol. */
  displayName: string;
  registrationRecord: string;
  keyBundle: KeyBundle;
  organisationRootPublicKey: string;
  organisationId: string;
  accountId: string;
  orgLog: string[];
  orgRootWrap: string;
  archiveWrap: string;
}

function decodeEntries(entries: readonly string[]): Uint8Array[] {
  try {
    return entries.map(fromBase64Url);
  } catch (err) {
    if (isCryptoError(err))
      throw new AppError("org_log_rejected", "The organisation log entry was refused: bad_format");
    throw err;
  }
}

/**
 * Creates the first organisation and administrator together with the
 * cryptographic genesis, all in one transaction; the token is consumed
 * exactly once. The browser made every key: the server checks that the log
 * verifies, that its root is the organisation root key and that it names
 * this administrator with the keys of this key bundle, then stores the
 * root and archive private keys only as HPKE wraps to the administrator.
 */
export async function finishSetup(
  ctx: AppContext,
  props: FinishSetupProps,
): Promise<{ organisationId: string; account: AccountView }> {
  await verifySetupToken(ctx, props.token);
  const now = ctx.clock.now();
  const { organisationId, accountId } = props;
  const entries = decodeEntries(props.orgLog);
  await ctx.db.db.transaction().execute(async (trx) => {
    // The primary key on DONE_KEY makes concurrent finishes race safely: one wins.
    if (!(await insertInstanceSettingOnce(trx, DONE_KEY, String(now), now))) {
      throw new AppError("setup_already_done", "This Obhut has already been set up");
    }
    await deleteInstanceSetting(trx, TOKEN_KEY);
    const clash = await organisationExists(trx, organisationId);
    const accountClash = await accountIdTaken(trx, accountId);
    if (clash || accountClash) throw new AppError("conflict", "These ids are taken; generate new ones");
    await insertOrganisation(trx, {
      id: organisationId,
      name: props.organisationName,
      root_public_key: props.organisationRootPublicKey,
      created_at: now,
    });
    if (await usernameTaken(trx, props.username.toLowerCase()))
      throw new AppError("conflict", "This name is already taken");
    await insertAccount(trx, {
      id: accountId,
      organisation_id: organisationId,
      username: props.username.toLowerCase(),
      kind: "staff",
      role: "org_admin",
      opaque_record: props.registrationRecord,
      key_bundle: JSON.stringify(props.keyBundle),
      created_at: now,
      disabled_at: null,
      display_name: props.displayName,
    });
    const state = await storeNewOrgLog(trx, {
      orgId: organisationId,
      rootPublicKey: props.organisationRootPublicKey,
      entries,
      now,
    });
    const admin = state.admins.get(props.keyBundle.signingPublicKey);
    if (
      !admin ||
      admin.accountId !== accountId ||
      toBase64Url(admin.encryptionKey) !== props.keyBundle.encryptionPublicKey
    ) {
      throw new AppError(
        "org_log_rejected",
        "The organisation log entry was refused: it does not make this account an administrator",
      );
    }
    await insertKeyWraps(trx, {
      orgId: organisationId,
      createdBy: accountId,
      now,
      wraps: [
        {
          kind: "org-root",
          refId: organisationId,
          generation: 1,
          recipientAccountId: accountId,
          blob: props.orgRootWrap,
        },
        {
          kind: "archive",
          refId: organisationId,
          generation: 1,
          recipientAccountId: accountId,
          blob: props.archiveWrap,
        },
      ],
    });
    await recordAudit(trx, now, {
      organisationId,
      actorId: accountId,
      action: "setup.completed",
      target: { type: "organisation", id: organisationId },
    });
  });
  return {
    organisationId,
    account: presentAccount({
      id: accountId,
      username: props.username.toLowerCase(),
      kind: "staff",
      role: "org_admin",
      organisation_id: organisationId,
    }),
  };
}
