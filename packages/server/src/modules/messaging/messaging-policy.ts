// SPDX-License-Identifier: AGPL-3.0-or-later
import { EPOCH_LIMITS, type MessagingPolicyView } from "@obhut/protocol";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { ConversationKind, Database, MessagingPoliciesTable } from "../../infra/db/schema";
import type { Actor } from "../../core/actor";
import { authorize, ensureOrganisation } from "../../policies";
import { recordAudit } from "../../core/audit";
import { findMessagingPolicyRow, storeMessagingPolicy } from "./store-policies";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Defaults when an organisation has not stored a messaging policy: staff
 * conversations share receipts and typing, client-facing ones do not (a
 * client should not feel watched, and a counsellor must not be pressed to
 * answer at once); staff see which colleagues are online, clients and staff
 * do not see each other's presence unless the organisation decides so.
 */
export const DEFAULT_MESSAGING_POLICY: MessagingPolicyView = {
  kinds: {
    direct: { receipts: true, typing: true },
    team: { receipts: true, typing: true },
    case: { receipts: false, typing: false },
    broadcast: { receipts: false, typing: false },
    // Internal notes are staff-only, like a team chat.
    notes: { receipts: true, typing: true },
  },
  presence: { staff: true, clients: false },
  // A new epoch after 1000 messages or 30 days, whichever comes first (ADR 0029).
  epochs: { maxMessages: EPOCH_LIMITS.maxMessages.default, maxDays: EPOCH_LIMITS.maxDays.default },
};

/** Bus topic on which every node hears that an organisation changed its policy. */
export const MESSAGING_POLICY_TOPIC = "messaging-policy";

/**
 * How long a node trusts its cached copy. The bus invalidates caches at once
 * on every node; this bound only matters when an event was lost (the bus
 * delivers at most once), so a change still applies everywhere within a minute.
 */
export const MESSAGING_POLICY_CACHE_MS = 60_000;

const KINDS: readonly ConversationKind[] = ["direct", "team", "case", "broadcast", "notes"];
type Flags = Omit<Selectable<MessagingPoliciesTable>, "organisation_id" | "updated_by" | "updated_at">;

function fromRow(row: Flags): MessagingPolicyView {
  const on = (v: number) => v === 1;
  return {
    kinds: {
      direct: { receipts: on(row.direct_receipts), typing: on(row.direct_typing) },
      team: { receipts: on(row.team_receipts), typing: on(row.team_typing) },
      case: { receipts: on(row.case_receipts), typing: on(row.case_typing) },
      broadcast: { receipts: on(row.broadcast_receipts), typing: on(row.broadcast_typing) },
      notes: { receipts: on(row.notes_receipts), typing: on(row.notes_typing) },
    },
    presence: { staff: on(row.presence_staff), clients: on(row.presence_clients) },
    epochs: { maxMessages: row.epoch_max_messages, maxDays: row.epoch_max_days },
  };
}

function toRow(policy: MessagingPolicyView): Flags {
  const bit = (v: boolean) => (v ? 1 : 0);
  const { kinds, presence } = policy;
  return {
    direct_receipts: bit(kinds.direct.receipts),
    direct_typing: bit(kinds.direct.typing),
    team_receipts: bit(kinds.team.receipts),
    team_typing: bit(kinds.team.typing),
    case_receipts: bit(kinds.case.receipts),
    case_typing: bit(kinds.case.typing),
    broadcast_receipts: bit(kinds.broadcast.receipts),
    broadcast_typing: bit(kinds.broadcast.typing),
    notes_receipts: bit(kinds.notes.receipts),
    notes_typing: bit(kinds.notes.typing),
    presence_staff: bit(presence.staff),
    presence_clients: bit(presence.clients),
    epoch_max_messages: policy.epochs.maxMessages,
    epoch_max_days: policy.epochs.maxDays,
  };
}

/** `{"case.receipts": false, …, "presence.clients": true, "epochs.maxDays": 30}` — audit data is flat. */
function flatten(policy: MessagingPolicyView): Record<string, boolean | number> {
  const flat: Record<string, boolean | number> = {};
  for (const kind of KINDS) {
    flat[`${kind}.receipts`] = policy.kinds[kind].receipts;
    flat[`${kind}.typing`] = policy.kinds[kind].typing;
  }
  flat["presence.staff"] = policy.presence.staff;
  flat["presence.clients"] = policy.presence.clients;
  flat["epochs.maxMessages"] = policy.epochs.maxMessages;
  flat["epochs.maxDays"] = policy.epochs.maxDays;
  return flat;
}

/** The stored policy of an organisation, or the defaults. */
export async function loadMessagingPolicy(db: Db, orgId: string): Promise<MessagingPolicyView> {
  const row = await findMessagingPolicyRow(db, orgId);
  return row ? fromRow(row) : structuredClone(DEFAULT_MESSAGING_POLICY);
}

export async function readMessagingPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<MessagingPolicyView> {
  authorize(props.actor, "organisation.messaging_policy.read", { type: "organisation", organisationId: props.orgId });
  await ensureOrganisation(ctx.db.db, props.orgId);
  return loadMessagingPolicy(ctx.db.db, props.orgId);
}

/**
 * Replaces the policy (audited with every flag — settings, no content) and
 * tells every node, so receipts, typing and presence follow it on open
 * connections too.
 */
export async function updateMessagingPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; policy: MessagingPolicyView },
): Promise<MessagingPolicyView> {
  authorize(props.actor, "organisation.messaging_policy.update", {
    type: "organisation",
    organisationId: props.orgId,
  });
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    await ensureOrganisation(trx, props.orgId);
    const values = { ...toRow(props.policy), updated_by: props.actor.accountId, updated_at: now };
    await storeMessagingPolicy(trx, props.orgId, values);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "organisation.messaging_policy_updated",
      target: { type: "organisation", id: props.orgId },
      data: flatten(props.policy),
    });
  });
  policyCache(ctx)?.invalidate(props.orgId);
  // At most once, like every bus event; the cache bound above covers a lost one.
  await ctx.bus
    .publish(MESSAGING_POLICY_TOPIC, { type: "messaging_policy.updated", organisationId: props.orgId })
    .catch(() => undefined);
  return loadMessagingPolicy(ctx.db.db, props.orgId);
}

/** Whether receipts or typing notices are shared in conversations of `kind` under `policy`. */
export function sharesEphemeral(
  policy: MessagingPolicyView,
  kind: ConversationKind,
  what: "receipts" | "typing",
): boolean {
  return KINDS.includes(kind) && policy.kinds[kind][what];
}

interface PolicyCache {
  get(orgId: string): Promise<MessagingPolicyView>;
  /** The cached policy if it is fresh and already read (no query, no waiting), else undefined. */
  peek(orgId: string): MessagingPolicyView | undefined;
  invalidate(orgId: string): void;
  listeners: Set<(orgId: string) => void>;
}

const caches = new WeakMap<AppContext, PolicyCache | null>();

/**
 * One cache per server (context), created on first use: receipts, typing
 * and presence ask for the policy on every event, which must not cost a
 * query each. Null when the bus is already closed (shutdown): then every
 * read goes to the database.
 */
function policyCache(ctx: AppContext): PolicyCache | null {
  const existing = caches.get(ctx);
  if (existing !== undefined) return existing;
  const entries = new Map<string, { at: number; policy: Promise<MessagingPolicyView>; value?: MessagingPolicyView }>();
  const listeners = new Set<(orgId: string) => void>();
  const invalidate = (orgId: string) => {
    entries.delete(orgId);
  };
  let cache: PolicyCache | null;
  try {
    ctx.bus.subscribe(MESSAGING_POLICY_TOPIC, (event) => {
      if (event.type !== "messaging_policy.updated" || typeof event.organisationId !== "string") return;
      invalidate(event.organisationId);
      for (const listener of listeners) listener(event.organisationId);
    });
    cache = {
      invalidate,
      listeners,
      get(orgId) {
        const now = ctx.clock.now();
        const hit = entries.get(orgId);
        if (hit && now - hit.at < MESSAGING_POLICY_CACHE_MS) return hit.policy;
        const policy = loadMessagingPolicy(ctx.db.db, orgId);
        const entry: { at: number; policy: Promise<MessagingPolicyView>; value?: MessagingPolicyView } = {
          at: now,
          policy,
        };
        entries.set(orgId, entry);
        // A failed read is not cached: the next event tries again.
        policy.then(
          (value) => {
            entry.value = value;
          },
          () => {
            if (entries.get(orgId)?.policy === policy) entries.delete(orgId);
          },
        );
        return policy;
      },
      peek(orgId) {
        const hit = entries.get(orgId);
        return hit && ctx.clock.now() - hit.at < MESSAGING_POLICY_CACHE_MS ? hit.value : undefined;
      },
    };
  } catch {
    cache = null;
  }
  caches.set(ctx, cache);
  return cache;
}

/** The effective policy for conversations of an organisation (defaults for none), from the node's cache. */
export function messagingPolicyOf(ctx: AppContext, orgId: string | null): Promise<MessagingPolicyView> {
  if (orgId === null) return Promise.resolve(DEFAULT_MESSAGING_POLICY);
  return policyCache(ctx)?.get(orgId) ?? loadMessagingPolicy(ctx.db.db, orgId);
}

/**
 * The organisation's epoch limits for the send path, which runs inside the message transaction: from the
 * node's cache when it holds a fresh copy, else read on the transaction's own connection `db` (on SQLite any
 * other query would wait for the connection the transaction holds). Null organisation: the defaults.
 */
export async function epochLimitsInTransaction(
  ctx: AppContext,
  db: Db,
  orgId: string | null,
): Promise<MessagingPolicyView["epochs"]> {
  if (orgId === null) return DEFAULT_MESSAGING_POLICY.epochs;
  const cached = policyCache(ctx)?.peek(orgId);
  return (cached ?? (await loadMessagingPolicy(db, orgId))).epochs;
}

/** Calls `listener` with the organisation's id after its policy changed (on any node), once the cache is fresh. */
export function onMessagingPolicyChanged(ctx: AppContext, listener: (orgId: string) => void): () => void {
  const cache = policyCache(ctx);
  cache?.listeners.add(listener);
  return () => cache?.listeners.delete(listener);
}
