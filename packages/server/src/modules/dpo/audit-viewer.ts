// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AUDIT_EXPORT_MAX,
  AUDIT_PAGE_MAX,
  type AuditEntryView,
  type AuditFilterQuery,
  type AuditStatusView,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { chainOf, recordAudit } from "../../core/audit";
import { verifyAuditLog } from "./audit-verify";
import {
  auditEntriesInChainOrder,
  auditEntriesNewestFirst,
  latestAuditAnchor,
  type AuditEntryRow,
} from "./store-audit";

/**
 * The DPO's read access to the organisation's audit chain (issue 7.4). The
 * log holds no content and no IP addresses by construction (core/audit.ts);
 * this view adds nothing but the user name of staff actors of the same
 * organisation. Reading is not audited (it would double every page view);
 * an export is.
 */

function present(r: AuditEntryRow): AuditEntryView {
  let data: AuditEntryView["data"] = {};
  try {
    const parsed: unknown = JSON.parse(r.data);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) data = parsed as AuditEntryView["data"];
  } catch {
    // A damaged row still shows; `audit verify` reports it.
  }
  return {
    seq: Number(r.seq),
    at: Number(r.created_at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    data,
    prevHash: r.prev_hash ?? "",
    hash: r.hash ?? "",
  };
}

export async function listAuditEntries(
  ctx: AppContext,
  props: {
    actor: Actor;
    orgId: string;
    filter: AuditFilterQuery;
    before?: number | undefined;
    limit?: number | undefined;
  },
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  authorize(props.actor, "audit.read", { type: "organisation", organisationId: props.orgId });
  const limit = Math.min(props.limit ?? 50, AUDIT_PAGE_MAX);
  const rows = await auditEntriesNewestFirst(ctx.db.db, {
    orgId: props.orgId,
    filter: props.filter,
    before: props.before,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit).map(present);
  return { entries: page, nextBefore: rows.length > limit ? page[page.length - 1]!.seq : null };
}

/** The filtered range in chain order for a JSON-lines file; the export is recorded in the same chain. */
export async function exportAuditEntries(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; filter: AuditFilterQuery },
): Promise<{ chain: string; entries: AuditEntryView[]; truncated: boolean }> {
  authorize(props.actor, "audit.export", { type: "organisation", organisationId: props.orgId });
  const rows = await auditEntriesInChainOrder(ctx.db.db, {
    orgId: props.orgId,
    filter: props.filter,
    limit: AUDIT_EXPORT_MAX + 1,
  });
  const entries = rows.slice(0, AUDIT_EXPORT_MAX).map(present);
  const truncated = rows.length > AUDIT_EXPORT_MAX;
  const f = props.filter;
  await recordAudit(ctx.db.db, ctx.clock.now(), {
    organisationId: props.orgId,
    actorId: props.actor.accountId,
    action: "audit.exported",
    target: { type: "organisation", id: props.orgId },
    // The filter is made of times, action names and ids: no content.
    data: {
      entries: entries.length,
      truncated,
      from: f.from ?? null,
      to: f.to ?? null,
      filterAction: f.action ?? null,
      filterActor: f.actorId ?? null,
      filterTargetType: f.targetType ?? null,
      filterTargetId: f.targetId ?? null,
    },
  });
  return { chain: chainOf(props.orgId), entries, truncated };
}

/** Verifies the organisation's chain now (hashes, links, head, signed anchors) and reports its state. */
export async function auditStatus(ctx: AppContext, props: { actor: Actor; orgId: string }): Promise<AuditStatusView> {
  authorize(props.actor, "audit.read", { type: "organisation", organisationId: props.orgId });
  const chain = chainOf(props.orgId);
  const [report] = await verifyAuditLog(ctx.db.db, {
    chains: [chain],
    anchorPublicKey: ctx.secrets.auditAnchorKey.x,
  });
  const anchor = await latestAuditAnchor(ctx.db.db, chain);
  return {
    verifiedAt: ctx.clock.now(),
    ok: report?.ok ?? true,
    entries: report?.entries ?? 0,
    headSeq: report?.headSeq ?? 0,
    anchoredSeq: report?.anchoredSeq ?? 0,
    lastAnchorAt: anchor ? Number(anchor.created_at) : null,
    problems: (report?.problems ?? []).slice(0, 50).map((p) => ({ seq: p.seq, kind: p.kind })),
  };
}
