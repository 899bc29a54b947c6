// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type OrgLogEntry,
  type OrgLogState,
  decodeOrgLogEntry,
  fromBase64Url,
  isCryptoError,
  sha256,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import { ORG_LOG_PAGE_SIZE, type OrgLogEntryView } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { presentOrgLogEntry, presentOrgRootKey } from "./presenter-org-log";
import { recordAudit } from "../../core/audit";
import { authorizeOrgLogAppend, authorizeOrgLogRead, ensureOrganisation } from "../../policies";
import { findOrgAccountKeys, listActiveOrgAdmins } from "./store-accounts";
import {
  findOrgLogGenesis,
  insertOrgLogEntry,
  insertOrgLogEntryIfFree,
  listOrgLogEntries,
  listOrgLogPage,
} from "./store-keys";
import { findOrgTeam } from "./store-teams";

type Db = Kysely<Database> | Transaction<Database>;

function rejected(why: string): AppError {
  return new AppError("org_log_rejected", `The organisation log entry was refused: ${why}`);
}

/** Runs crypto verification and turns its stable codes into our stable error (never a 500 for bad input). */
function verified<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isCryptoError(err)) throw rejected(err.code);
    throw err;
  }
}

function decode(b64: string): { bytes: Uint8Array; entry: OrgLogEntry } {
  return verified(() => {
    const bytes = fromBase64Url(b64);
    return { bytes, entry: decodeOrgLogEntry(bytes) };
  });
}

async function loadEntries(db: Db, orgId: string): Promise<Uint8Array[]> {
  return (await listOrgLogEntries(db, orgId)).map((e) => fromBase64Url(e));
}

/**
 * The log must also agree with the server's own directory: certified keys
 * are the keys in that account's bundle, teams exist in this organisation.
 * This catches admin-client bugs early; it adds no trust (clients verify).
 */
async function checkAgainstDirectory(db: Db, orgId: string, entry: OrgLogEntry): Promise<void> {
  const p = entry.payload;
  if (p.type === "genesis") {
    if (p.orgId !== orgId) throw rejected("genesis names another organisation");
  } else if (p.type === "admin-added" || p.type === "staff-key-certified") {
    const account = await findOrgAccountKeys(db, orgId, p.accountId);
    if (!account || account.kind !== "staff") throw rejected("the account is not staff of this organisation");
    const bundle = JSON.parse(account.key_bundle) as { signingPublicKey?: string; encryptionPublicKey?: string };
    if (
      bundle.signingPublicKey !== toBase64Url(p.signingKey) ||
      bundle.encryptionPublicKey !== toBase64Url(p.encryptionKey)
    ) {
      throw rejected("the keys are not the account's current keys");
    }
  } else if (p.type === "team-created") {
    const team = await findOrgTeam(db, orgId, p.teamId);
    if (!team) throw rejected("no such team in this organisation");
  }
}

/**
 * The organisation's active administrators and which of them the verified
 * log certifies with the keys of their current bundle ("confirmed"): only
 * those can sign log entries and hold the organisation keys (ADR 0026).
 * Without a log yet (an operator-made organisation before its first admin
 * signed up) nobody is confirmed.
 */
export async function orgAdminStates(db: Db, orgId: string): Promise<{ id: string; confirmed: boolean }[]> {
  const [admins, entries] = await Promise.all([listActiveOrgAdmins(db, orgId), loadEntries(db, orgId)]);
  const state = entries.length ? verifyOrgLog(entries) : null;
  return admins.map((a) => {
    const bundle = JSON.parse(a.key_bundle) as { signingPublicKey?: string };
    const certified = bundle.signingPublicKey ? state?.admins.get(bundle.signingPublicKey) : undefined;
    return { id: a.id, confirmed: certified?.accountId === a.id };
  });
}

/**
 * Verifies a brand-new log (setup, demo) and stores it. The caller's
 * transaction makes organisation, accounts, log and wraps appear together.
 */
export async function storeNewOrgLog(
  trx: Transaction<Database>,
  props: { orgId: string; rootPublicKey: string; entries: readonly Uint8Array[]; now: number },
): Promise<OrgLogState> {
  const state = verified(() => verifyOrgLog(props.entries));
  if (state.orgId !== props.orgId) throw rejected("genesis names another organisation");
  if (toBase64Url(state.rootSigningKey) !== props.rootPublicKey)
    throw rejected("genesis root key is not the organisation root key");
  for (const bytes of props.entries) {
    const entry = decodeOrgLogEntry(bytes);
    await checkAgainstDirectory(trx, props.orgId, entry);
    await insertOrgLogEntry(trx, {
      organisation_id: props.orgId,
      seq: entry.seq,
      hash: toBase64Url(sha256(bytes)),
      entry: toBase64Url(bytes),
      created_at: props.now,
    });
  }
  return state;
}

export async function readOrgLog(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; after?: number },
): Promise<{ entries: OrgLogEntryView[]; hasMore: boolean }> {
  authorizeOrgLogRead(props.actor, props.orgId);
  await ensureOrganisation(ctx.db.db, props.orgId);
  const rows = await listOrgLogPage(ctx.db.db, props.orgId, props.after, ORG_LOG_PAGE_SIZE + 1);
  return {
    entries: rows.slice(0, ORG_LOG_PAGE_SIZE).map(presentOrgLogEntry),
    hasMore: rows.length > ORG_LOG_PAGE_SIZE,
  };
}

/**
 * The organisation's identity for anyone, logged in or not: the root key of
 * its log's genesis entry (the agency page and client sign-up show its
 * fingerprint; the client's browser pins it). Read from the stored genesis,
 * the entry every client verifies, so the answer and the log cannot differ
 * unless the server lies — which the fingerprint comparison and the pin
 * catch. 404 for an unknown organisation and one whose log has not begun.
 */
export async function readOrgRootKey(ctx: AppContext, orgId: string): Promise<{ rootSigningKey: string }> {
  const stored = await findOrgLogGenesis(ctx.db.db, orgId);
  if (stored === undefined) throw new NotFoundError("No such organisation");
  const { entry } = decode(stored);
  if (entry.payload.type !== "genesis") throw new Error("org log entry 0 is not a genesis entry");
  return presentOrgRootKey(entry.payload.rootSigningKey);
}

/**
 * Appends one entry. Order of checks: format → it must be exactly the next
 * seq (else conflict: the client refetches and retries) → the whole chain
 * including it verifies (prevHash, signer is root or a current admin,
 * legal transition) → directory agreement → insert, where the primary key
 * lets exactly one of two concurrent appends win.
 */
export async function appendOrgLogEntry(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; entry: string },
): Promise<{ seq: number; hash: string }> {
  authorizeOrgLogAppend(props.actor, props.orgId);
  const db = ctx.db.db;
  await ensureOrganisation(db, props.orgId);
  const { bytes, entry } = decode(props.entry);
  const existing = await loadEntries(db, props.orgId);
  if (existing.length === 0) throw rejected("the organisation has no genesis entry");
  if (entry.seq !== existing.length) {
    throw new AppError(
      "org_log_conflict",
      `The log head is at ${existing.length - 1}; fetch the log and sign the entry again`,
    );
  }
  verified(() => verifyOrgLog([...existing, bytes]));
  await checkAgainstDirectory(db, props.orgId, entry);
  const hash = toBase64Url(sha256(bytes));
  const now = ctx.clock.now();
  const inserted = await insertOrgLogEntryIfFree(db, {
    organisation_id: props.orgId,
    seq: entry.seq,
    hash,
    entry: toBase64Url(bytes),
    created_at: now,
  });
  if (!inserted) {
    throw new AppError("org_log_conflict", "Another entry was appended first; fetch the log and sign the entry again");
  }
  await recordAudit(db, now, {
    organisationId: props.orgId,
    actorId: props.actor.accountId,
    action: "org_log.appended",
    target: { type: "organisation", id: props.orgId },
    data: { seq: entry.seq, type: entry.payload.type },
  });
  return { seq: entry.seq, hash };
}
