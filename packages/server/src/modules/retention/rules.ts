// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type OrganisationRetentionClass,
  RETENTION_CLASSES,
  RETENTION_MAX_DAYS,
  type LegalHoldView,
  type RetentionClass,
  type RetentionRuleView,
} from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database, LegalHoldsTable } from "../../infra/db/schema";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import {
  findActiveLegalHold,
  findCaseTeam,
  findTeamRole,
  insertLegalHold,
  listActiveLegalHolds,
  listRetentionRules,
  markLegalHoldReleased,
  storeRetentionRule,
  updateLegalHoldReason,
} from "./store-rules";

/**
 * Retention rules and legal holds (the administrative half of the deletion
 * concept; modules/retention/run.ts is the job that applies them). A rule row
 * exists only where an organisation chose a period other than the default.
 */

type Db = Kysely<Database> | Transaction<Database>;

export const INSTANCE_SCOPE = "instance";
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Classes whose data Obhut does not hold yet: their rules are kept, the job has nothing to delete. */
const NOT_ENFORCED: ReadonlySet<RetentionClass> = new Set(["consents"]);

export function classesOfScope(scope: string): RetentionClass[] {
  return (Object.keys(RETENTION_CLASSES) as RetentionClass[]).filter(
    (c) => (RETENTION_CLASSES[c].scope === "instance") === (scope === INSTANCE_SCOPE) || c === "audit_entries",
  );
}

/** The rules in force for an organisation (or the instance): defaults overlaid with the stored periods. */
export async function effectiveRules(db: Db, scope: string): Promise<RetentionRuleView[]> {
  const rows = await listRetentionRules(db, scope);
  return classesOfScope(scope).map((dataClass) => {
    const spec = RETENTION_CLASSES[dataClass];
    const row = rows.find((r) => r.data_class === dataClass);
    return {
      dataClass,
      startEvent: spec.startEvent,
      periodDays: row ? Number(row.period_days) : spec.defaultDays,
      defaultDays: spec.defaultDays,
      minDays: spec.minDays,
      maxDays: RETENTION_MAX_DAYS,
      enforced: !NOT_ENFORCED.has(dataClass),
      updatedAt: row ? Number(row.updated_at) : null,
    };
  });
}

export function periodOf(rules: RetentionRuleView[], dataClass: RetentionClass): number {
  const rule = rules.find((r) => r.dataClass === dataClass);
  return rule ? rule.periodDays : RETENTION_CLASSES[dataClass].defaultDays;
}

/** Stores periods (validated against each class's bounds) and audits the change; numbers only. */
export async function storeRules(
  trx: Transaction<Database>,
  now: number,
  props: {
    scope: string;
    actorId: string | null;
    rules: { dataClass: RetentionClass; periodDays: number }[];
    via: "api" | "cli";
  },
): Promise<void> {
  const allowed = classesOfScope(props.scope);
  const data: Record<string, number | string> = { via: props.via };
  for (const { dataClass, periodDays } of props.rules) {
    const spec = RETENTION_CLASSES[dataClass];
    if (!allowed.includes(dataClass))
      throw new AppError(
        "invalid_params",
        `${dataClass} is not set per ${props.scope === INSTANCE_SCOPE ? "instance" : "organisation"}`,
      );
    if (!Number.isInteger(periodDays) || periodDays < spec.minDays || periodDays > RETENTION_MAX_DAYS)
      throw new AppError(
        "invalid_params",
        `${dataClass}: the period must be ${spec.minDays} to ${RETENTION_MAX_DAYS} days`,
      );
    await storeRetentionRule(trx, {
      scope: props.scope,
      dataClass,
      periodDays,
      updatedBy: props.actorId,
      updatedAt: now,
    });
    data[dataClass] = periodDays;
  }
  await recordAudit(trx, now, {
    organisationId: props.scope === INSTANCE_SCOPE ? null : props.scope,
    actorId: props.actorId,
    action: "retention.rules_updated",
    target: { type: props.scope === INSTANCE_SCOPE ? "instance" : "organisation", id: props.scope },
    data,
  });
}

export async function getRetentionRules(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<RetentionRuleView[]> {
  authorize(props.actor, "retention.read", { type: "organisation", organisationId: props.orgId });
  return effectiveRules(ctx.db.db, props.orgId);
}

export async function updateRetentionRules(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; rules: { dataClass: OrganisationRetentionClass; periodDays: number }[] },
): Promise<RetentionRuleView[]> {
  authorize(props.actor, "retention.update", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  await ctx.db.db
    .transaction()
    .execute((trx) =>
      storeRules(trx, now, { scope: props.orgId, actorId: props.actor.accountId, rules: props.rules, via: "api" }),
    );
  return effectiveRules(ctx.db.db, props.orgId);
}

function presentHold(row: LegalHoldsTable): LegalHoldView {
  return { id: row.id, caseId: row.case_id, reason: row.reason, setBy: row.set_by, setAt: Number(row.set_at) };
}

export async function listLegalHolds(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<LegalHoldView[]> {
  authorize(props.actor, "retention.read", { type: "organisation", organisationId: props.orgId });
  const rows = await listActiveLegalHolds(ctx.db.db, props.orgId);
  return rows.map(presentHold);
}

/** The case as the hold policy sees it: its organisation and team, and whether the actor leads that team. */
async function authorizeHold(ctx: AppContext, actor: Actor, caseId: string) {
  const row = await findCaseTeam(ctx.db.db, caseId);
  if (!row) throw new NotFoundError("No such case");
  const own = await findTeamRole(ctx.db.db, row.team_id, actor.accountId);
  authorize(actor, "legal_hold.manage", {
    type: "team",
    organisationId: row.organisation_id,
    teamId: row.team_id,
    actorTeamRole: own?.role ?? null,
  });
  return row;
}

/** The case's active hold, for those who may set or release it. */
export async function getLegalHold(
  ctx: AppContext,
  props: { actor: Actor; caseId: string },
): Promise<LegalHoldView | null> {
  const target = await authorizeHold(ctx, props.actor, props.caseId);
  const row = await findActiveLegalHold(ctx.db.db, target.id);
  return row ? presentHold(row) : null;
}

/**
 * Puts a case on legal hold, or replaces the reason of its active hold. The
 * retention job re-checks holds inside its deletion transaction, so a hold
 * set while a run is under way still wins for that case.
 */
export async function setLegalHold(
  ctx: AppContext,
  props: { actor: Actor; caseId: string; reason: string },
): Promise<LegalHoldView> {
  const target = await authorizeHold(ctx, props.actor, props.caseId);
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    const active = await findActiveLegalHold(trx, target.id);
    let row: LegalHoldsTable;
    if (active) {
      await updateLegalHoldReason(trx, active.id, { reason: props.reason, setBy: props.actor.accountId, setAt: now });
      row = { ...active, reason: props.reason, set_by: props.actor.accountId, set_at: now };
    } else {
      row = {
        id: newId(),
        organisation_id: target.organisation_id,
        case_id: target.id,
        reason: props.reason,
        set_by: props.actor.accountId,
        set_at: now,
        released_by: null,
        released_at: null,
      };
      await insertLegalHold(trx, row);
    }
    // The reason stays in legal_holds (organisational text); the audit entry records the fact only.
    await recordAudit(trx, now, {
      organisationId: target.organisation_id,
      actorId: props.actor.accountId,
      action: "case.legal_hold_set",
      target: { type: "case", id: target.id },
      data: { holdId: row.id, replaced: active !== undefined },
    });
    return presentHold(row);
  });
}

export async function releaseLegalHold(ctx: AppContext, props: { actor: Actor; caseId: string }): Promise<void> {
  const target = await authorizeHold(ctx, props.actor, props.caseId);
  const now = ctx.clock.now();
  await ctx.db.db.transaction().execute(async (trx) => {
    const active = await findActiveLegalHold(trx, target.id);
    if (!active) throw new NotFoundError("This case is not on legal hold");
    await markLegalHoldReleased(trx, active.id, { releasedAt: now, releasedBy: props.actor.accountId });
    await recordAudit(trx, now, {
      organisationId: target.organisation_id,
      actorId: props.actor.accountId,
      action: "case.legal_hold_released",
      target: { type: "case", id: target.id },
      data: { holdId: active.id },
    });
  });
}

export const retentionCutoff = (now: number, days: number): number => now - days * DAY_MS;
