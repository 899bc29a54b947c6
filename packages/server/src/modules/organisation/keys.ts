// SPDX-License-Identifier: AGPL-3.0-or-later
import type { KeyWrapView, NewKeyWrap } from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database, KeyWrapsTable } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { presentKeyWrap } from "./presenter-keys";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import { type KeyWrapUploadFacts, authorizeKeyWrapUpload, authorizePublicKeyRead } from "../../policies";
import { findOrgAccountKeys, listActiveOrgAccounts } from "./store-accounts";
import { insertKeyWrapIfFree, listOwnKeyWraps, listTeamKeyRefsOf, listTeamPreviousWraps } from "./store-keys";
import { listMembersOfTeams, listOrgTeams } from "./store-teams";

/** One wrap per (kind, ref, generation, recipient); a second upload for the same slot is a conflict. */
export function wrapSlot(w: {
  kind: string;
  refId: string;
  generation: number;
  recipientAccountId: string | null;
}): string {
  return `${w.kind}|${w.refId}|${w.generation}|${w.recipientAccountId ?? "*"}`;
}

/** Inserts wraps without authorisation checks: for callers that already decided (setup, demo, upload). */
export async function insertKeyWraps(
  trx: Transaction<Database>,
  props: { orgId: string; createdBy: string; now: number; wraps: readonly NewKeyWrap[] },
): Promise<string[]> {
  const ids: string[] = [];
  for (const w of props.wraps) {
    const id = newId();
    const inserted = await insertKeyWrapIfFree(trx, {
      id,
      organisation_id: props.orgId,
      recipient_account_id: w.recipientAccountId,
      kind: w.kind,
      ref_id: w.refId,
      generation: w.generation,
      blob: w.blob,
      slot: wrapSlot(w),
      created_by: props.createdBy,
      created_at: props.now,
    });
    if (!inserted) {
      throw new AppError(
        "conflict",
        `A ${w.kind} key for generation ${w.generation} is already stored for this recipient`,
      );
    }
    ids.push(id);
  }
  return ids;
}

async function loadUploadFacts(
  ctx: AppContext,
  orgId: string,
  wraps: readonly NewKeyWrap[],
): Promise<KeyWrapUploadFacts> {
  const db = ctx.db.db;
  const recipientIds = [...new Set(wraps.flatMap((w) => (w.recipientAccountId ? [w.recipientAccountId] : [])))];
  const teamIds = [
    ...new Set(wraps.filter((w) => w.kind === "team" || w.kind === "team-previous").map((w) => w.refId)),
  ];
  const accounts = recipientIds.length ? await listActiveOrgAccounts(db, orgId, recipientIds) : [];
  const teams = new Map<string, Set<string>>();
  if (teamIds.length) {
    const rows = await listOrgTeams(db, orgId, teamIds);
    for (const r of rows) teams.set(r.id, new Set());
    const members = rows.length
      ? await listMembersOfTeams(
          db,
          rows.map((r) => r.id),
        )
      : [];
    for (const m of members) teams.get(m.team_id)?.add(m.account_id);
  }
  return { accounts: new Map(accounts.map((a) => [a.id, { kind: a.kind, role: a.role }])), teams };
}

export async function uploadKeyWraps(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; wraps: readonly NewKeyWrap[] },
): Promise<string[]> {
  const facts = await loadUploadFacts(ctx, props.orgId, props.wraps);
  authorizeKeyWrapUpload(props.actor, props.orgId, props.wraps, facts);
  const slots = new Set(props.wraps.map(wrapSlot));
  if (slots.size !== props.wraps.length)
    throw new AppError("invalid_body", "The same key is wrapped twice for one recipient");
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    const ids = await insertKeyWraps(trx, {
      orgId: props.orgId,
      createdBy: props.actor.accountId,
      now,
      wraps: props.wraps,
    });
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "keys.wrapped",
      data: { count: ids.length, kinds: [...new Set(props.wraps.map((w) => w.kind))].join(",") },
    });
    return ids;
  });
}

/**
 * The caller's own wraps, plus team-previous wraps of the teams it holds a
 * team key for (those are wrapped to a team key, not to an account, and are
 * useless without the newer generation).
 */
export async function listKeyWraps(
  ctx: AppContext,
  props: { actor: Actor; kind?: string; refId?: string },
): Promise<KeyWrapView[]> {
  const db = ctx.db.db;
  const rows = await listOwnKeyWraps(db, props.actor.accountId, {
    // Any string is passed on as given: a kind that does not exist simply matches nothing.
    kind: props.kind as KeyWrapsTable["kind"] | undefined,
    refId: props.refId,
  });
  if (!props.kind || props.kind === "team-previous") {
    const teamRefs = await listTeamKeyRefsOf(db, props.actor.accountId);
    const teams = teamRefs.filter((t) => !props.refId || t === props.refId);
    if (teams.length) {
      const history = await listTeamPreviousWraps(db, props.actor.organisationId ?? "", teams);
      rows.push(...history);
    }
  }
  return rows.map(presentKeyWrap);
}

export async function getAccountPublicKeys(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; accountId: string },
): Promise<{ accountId: string; signingPublicKey: string; encryptionPublicKey: string }> {
  authorizePublicKeyRead(props.actor, props.orgId);
  const row = await findOrgAccountKeys(ctx.db.db, props.orgId, props.accountId);
  if (!row) throw new NotFoundError("No such account");
  const bundle = JSON.parse(row.key_bundle) as { signingPublicKey: string; encryptionPublicKey: string };
  return {
    accountId: row.id,
    signingPublicKey: bundle.signingPublicKey,
    encryptionPublicKey: bundle.encryptionPublicKey,
  };
}
