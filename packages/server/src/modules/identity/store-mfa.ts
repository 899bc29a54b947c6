// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Selectable } from "kysely";
import type { MfaChallengesTable, MfaTotpTable, WebauthnCredentialsTable } from "../../infra/db/schema";
import type { Db } from "./store";

/**
 * The second-factor tables: the TOTP secret (`mfa_totp`), passkeys
 * (`webauthn_credentials`) and open WebAuthn ceremonies (`mfa_challenges`).
 */
export type TotpRow = Selectable<MfaTotpTable>;
export type PasskeyRow = Selectable<WebauthnCredentialsTable>;
export type ChallengeKind = MfaChallengesTable["kind"];

export async function hasConfirmedTotp(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("mfa_totp")
    .select("account_id")
    .where("account_id", "=", accountId)
    .where("confirmed_at", "is not", null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasPasskey(db: Db, accountId: string): Promise<boolean> {
  const row = await db
    .selectFrom("webauthn_credentials")
    .select("id")
    .where("account_id", "=", accountId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countPasskeys(db: Db, accountId: string): Promise<number> {
  const rows = await db.selectFrom("webauthn_credentials").select("id").where("account_id", "=", accountId).execute();
  return rows.length;
}

export async function findTotpConfirmedAt(
  db: Db,
  accountId: string,
): Promise<Pick<TotpRow, "confirmed_at"> | undefined> {
  return db.selectFrom("mfa_totp").select("confirmed_at").where("account_id", "=", accountId).executeTakeFirst();
}

export async function findTotp(db: Db, accountId: string): Promise<TotpRow | undefined> {
  return db.selectFrom("mfa_totp").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

/** A new (unconfirmed) secret; replaces an earlier set-up that was never confirmed. */
export async function putTotpSecret(
  db: Db,
  props: { accountId: string; secretEnc: string; now: number },
): Promise<void> {
  await db
    .insertInto("mfa_totp")
    .values({
      account_id: props.accountId,
      secret_enc: props.secretEnc,
      confirmed_at: null,
      last_time_step: null,
      created_at: props.now,
    })
    .onConflict((oc) =>
      oc.column("account_id").doUpdateSet({ secret_enc: props.secretEnc, created_at: props.now, last_time_step: null }),
    )
    .execute();
}

/**
 * Records the time step of an accepted code, and confirms the secret when
 * `confirmedAt` is given, only if no equal or later step was used before:
 * one conditional UPDATE, so of two racing requests with the same code one
 * wins. True when this call recorded it.
 */
export async function recordTotpTimeStep(
  db: Db,
  props: { accountId: string; timeStep: number; confirmedAt?: number },
): Promise<boolean> {
  const { timeStep } = props;
  const updated = await db
    .updateTable("mfa_totp")
    .set({ last_time_step: timeStep, ...(props.confirmedAt === undefined ? {} : { confirmed_at: props.confirmedAt }) })
    .where("account_id", "=", props.accountId)
    .where((eb) => eb.or([eb("last_time_step", "is", null), eb("last_time_step", "<", timeStep)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function listPasskeys(db: Db, accountId: string): Promise<PasskeyRow[]> {
  return db.selectFrom("webauthn_credentials").selectAll().where("account_id", "=", accountId).execute();
}

export async function findPasskey(db: Db, credentialId: string, accountId: string): Promise<PasskeyRow | undefined> {
  return db
    .selectFrom("webauthn_credentials")
    .selectAll()
    .where("id", "=", credentialId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

/** Stores a new passkey unless its credential id is known already; false when it was. */
export async function insertPasskeyIfNew(db: Db, row: PasskeyRow): Promise<boolean> {
  const inserted = await db
    .insertInto("webauthn_credentials")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function recordPasskeyUse(
  db: Db,
  props: { credentialId: string; counter: number; now: number },
): Promise<void> {
  await db
    .updateTable("webauthn_credentials")
    .set({ counter: props.counter, last_used_at: props.now })
    .where("id", "=", props.credentialId)
    .execute();
}

export async function deleteExpiredMfaChallenges(db: Db, now: number): Promise<void> {
  await db.deleteFrom("mfa_challenges").where("expires_at", "<", now).execute();
}

export async function deleteSessionMfaChallenges(db: Db, sessionId: string, kind: ChallengeKind): Promise<void> {
  await db.deleteFrom("mfa_challenges").where("session_id", "=", sessionId).where("kind", "=", kind).execute();
}

export async function insertMfaChallenge(db: Db, row: Selectable<MfaChallengesTable>): Promise<void> {
  await db.insertInto("mfa_challenges").values(row).execute();
}

/** Deletes the session's open challenge of this kind and returns it (single use). */
export async function takeMfaChallenge(
  db: Db,
  sessionId: string,
  kind: ChallengeKind,
): Promise<{ challenge: string; expires_at: number } | undefined> {
  return db
    .deleteFrom("mfa_challenges")
    .where("session_id", "=", sessionId)
    .where("kind", "=", kind)
    .returning(["challenge", "expires_at"])
    .executeTakeFirst();
}
