// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ATTACHMENT_DELETED_LIST,
  ATTACHMENT_LIMITS,
  AttachmentTypePattern,
  DEFAULT_ATTACHMENT_TYPES,
  type AttachmentPolicyView,
  type OrganisationAttachmentPolicyView,
} from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { AttachmentPoliciesTable, Database } from "../../infra/db/schema";
import type { Actor } from "../../core/actor";
import { authorize, ensureOrganisation, type ConversationActor as PolicyActor } from "../../policies";
import { listDeletedAttachmentIds } from "./store-attachments";
import { findAttachmentPolicyRow, storeAttachmentPolicy } from "./store-policies";
import { storageUsed } from "./store-quota";
import { recordAudit } from "../../core/audit";
import { authorizeConversation } from "./conversations";

/**
 * The attachment policy of an organisation: a size cap on the padded
 * ciphertext (enforced here, at the start of an upload) and a list of
 * allowed media types. The server never sees a file's type — it travels in
 * the encrypted envelope — so the type list is enforced by clients only:
 * the sender refuses before encrypting, receivers show a disallowed type as
 * blocked (docs/PROTOCOL.md "Attachment policy").
 */

type Db = Kysely<Database> | Transaction<Database>;

export const DEFAULT_ATTACHMENT_POLICY: AttachmentPolicyView = {
  maxBytes: ATTACHMENT_LIMITS.maxBytes,
  allowedTypes: [...DEFAULT_ATTACHMENT_TYPES],
};

const StoredTypes = AttachmentTypePattern.array().min(1);

/** The policy a stored row (or its absence) stands for; never above the instance limit. */
export function policyFromRow(row: Pick<AttachmentPoliciesTable, "max_bytes" | "allowed_types"> | undefined) {
  if (!row) return { ...DEFAULT_ATTACHMENT_POLICY, allowedTypes: [...DEFAULT_ATTACHMENT_POLICY.allowedTypes] };
  let types: string[] = [...DEFAULT_ATTACHMENT_TYPES];
  try {
    // Written only by updateAttachmentPolicy after validation; a damaged value falls back to the defaults.
    const parsed = StoredTypes.safeParse(JSON.parse(row.allowed_types));
    if (parsed.success) types = parsed.data;
  } catch {
    // See above.
  }
  return { maxBytes: Math.min(Number(row.max_bytes), ATTACHMENT_LIMITS.maxBytes), allowedTypes: types };
}

/** The effective policy of an organisation; conversations without one get the defaults. */
export async function attachmentPolicyOf(db: Db, orgId: string | null): Promise<AttachmentPolicyView> {
  return policyFromRow(orgId === null ? undefined : await findAttachmentPolicyRow(db, orgId));
}

async function present(ctx: AppContext, db: Db, orgId: string): Promise<OrganisationAttachmentPolicyView> {
  await ensureOrganisation(db, orgId);
  const row = await findAttachmentPolicyRow(db, orgId);
  return {
    ...policyFromRow(row),
    instanceMaxBytes: ATTACHMENT_LIMITS.maxBytes,
    isDefault: row === undefined,
    updatedAt: row ? Number(row.updated_at) : null,
    // Shown next to the rules so admins see the storage alerts coming (modules/messaging/attachments-quota.ts).
    storage: { usedBytes: await storageUsed(db, orgId), capBytes: ctx.config.orgStorageCap ?? null },
  };
}

export async function readAttachmentPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<OrganisationAttachmentPolicyView> {
  authorize(props.actor, "attachment_policy.read", { type: "organisation", organisationId: props.orgId });
  return present(ctx, ctx.db.db, props.orgId);
}

/** Replaces the organisation's policy; applies to uploads started afterwards (stored attachments stay). */
export async function updateAttachmentPolicy(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; maxBytes: number; allowedTypes: string[] },
): Promise<OrganisationAttachmentPolicyView> {
  authorize(props.actor, "attachment_policy.update", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    await ensureOrganisation(trx, props.orgId);
    const values = {
      max_bytes: props.maxBytes,
      allowed_types: JSON.stringify(props.allowedTypes),
      updated_by: props.actor.accountId,
      updated_at: now,
    };
    await storeAttachmentPolicy(trx, props.orgId, values);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "attachment.policy_updated",
      target: { type: "organisation", id: props.orgId },
      // Media types are configuration, not content.
      data: { maxBytes: props.maxBytes, allowedTypes: props.allowedTypes.join(",") },
    });
    return present(ctx, trx, props.orgId);
  });
}

/**
 * What a member needs before sending or showing attachments: the policy of
 * the conversation's organisation and the ids deleted in it (newest first).
 */
export async function conversationAttachmentPolicy(
  ctx: AppContext,
  props: { actor: PolicyActor; conversationId: string },
): Promise<{ policy: AttachmentPolicyView; deleted: string[] }> {
  const membership = await authorizeConversation(ctx, props.actor, props.conversationId, "read");
  const deleted = await listDeletedAttachmentIds(ctx.db.db, props.conversationId, ATTACHMENT_DELETED_LIST);
  return { policy: await attachmentPolicyOf(ctx.db.db, membership.organisationId), deleted };
}
