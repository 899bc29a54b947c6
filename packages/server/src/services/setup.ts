// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { AccountView, KeyBundle } from "@obhut/protocol";
import type { AppContext } from "../context";
import { AppError } from "../errors";
import { recordAudit } from "./audit";
import { newId, sha256, timingSafeEqualStrings } from "./ids";
import { opaqueReady } from "./opaque";
import { presentAccount } from "../presenters/account";

const TOKEN_KEY = "setup_token_hash";
const DONE_KEY = "setup_completed_at";

export async function isSetupDone(ctx: AppContext): Promise<boolean> {
  const row = await ctx.db.db.selectFrom("instance_settings").select("value").where("key", "=", DONE_KEY).executeTakeFirst();
  return row !== undefined;
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
  await ctx.db.db
    .insertInto("instance_settings")
    .values({ key: TOKEN_KEY, value: sha256(token), updated_at: now })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: sha256(token), updated_at: now }))
    .execute();
  return token;
}

export async function verifySetupToken(ctx: AppContext, token: string): Promise<void> {
  if (await isSetupDone(ctx)) throw new AppError("setup_already_done", "This Obhut has already been set up");
  const row = await ctx.db.db.selectFrom("instance_settings").select("value").where("key", "=", TOKEN_KEY).executeTakeFirst();
  if (!row || !timingSafeEqualStrings(row.value, sha256(token))) {
    throw new AppError("setup_token_invalid", "This setup link is not valid; use the newest link printed by the server");
  }
}

export async function startAdminRegistration(ctx: AppContext, props: { token: string; username: string; registrationRequest: string }): Promise<string> {
  await verifySetupToken(ctx, props.token);
  const server = await opaqueReady();
  try {
    return server.createRegistrationResponse({
      serverSetup: ctx.secrets.opaqueServerSetup,
      userIdentifier: props.username.toLowerCase(),
      registrationRequest: props.registrationRequest,
    }).registrationResponse;
  } catch {
    throw new AppError("invalid_body", "The registration request is not a valid OPAQUE message");
  }
}

export interface FinishSetupProps {
  token: string;
  organisationName: string;
  username: string;
  registrationRecord: string;
  keyBundle: KeyBundle;
  organisationRootPublicKey: string;
}

/** Creates the first organisation and administrator; the token is consumed exactly once. */
export async function finishSetup(ctx: AppContext, props: FinishSetupProps): Promise<{ organisationId: string; account: AccountView }> {
  await verifySetupToken(ctx, props.token);
  const now = ctx.clock.now();
  const organisationId = newId();
  const accountId = newId();
  await ctx.db.db.transaction().execute(async (trx) => {
    // The primary key on DONE_KEY makes concurrent finishes race safely: one wins.
    const inserted = await trx
      .insertInto("instance_settings")
      .values({ key: DONE_KEY, value: String(now), updated_at: now })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
      throw new AppError("setup_already_done", "This Obhut has already been set up");
    }
    await trx.deleteFrom("instance_settings").where("key", "=", TOKEN_KEY).execute();
    await trx
      .insertInto("organisations")
      .values({ id: organisationId, name: props.organisationName, root_public_key: props.organisationRootPublicKey, created_at: now })
      .execute();
    const taken = await trx.selectFrom("accounts").select("id").where("username", "=", props.username.toLowerCase()).executeTakeFirst();
    if (taken) throw new AppError("conflict", "This name is already taken");
    await trx
      .insertInto("accounts")
      .values({
        id: accountId,
        organisation_id: organisationId,
        username: props.username.toLowerCase(),
        kind: "staff",
        role: "org_admin",
        opaque_record: props.registrationRecord,
        key_bundle: JSON.stringify(props.keyBundle),
        created_at: now,
        disabled_at: null,
      })
      .execute();
    await recordAudit(trx, now, {
      organisationId,
      actorId: accountId,
      action: "setup.completed",
      target: { type: "organisation", id: organisationId },
    });
  });
  return {
    organisationId,
    account: presentAccount({ id: accountId, username: props.username.toLowerCase(), kind: "staff", role: "org_admin", organisation_id: organisationId }),
  };
}
