// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { Localised, ProcessingRecordVersionView, ProcessingRecordView } from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, policyForRole } from "../../policies";
import { ORGANISATION_STAFF_ROLES } from "../../policies/roles";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import { ACTIVITIES, CRYPTO_FACTS, MEASURES, THIRD_COUNTRY } from "./processing-record-texts";
import { INSTANCE_SCOPE, effectiveRules } from "../retention";
import { recordProcessors } from "../compliance";
import {
  countBreakGlassGrants,
  insertProcessingRecord,
  lastRetentionSuccess,
  latestProcessingRecordContent,
  latestProcessingRecordVersion,
  listProcessingRecordVersions,
  organisationName,
  organisationPolicies,
  processingRecordVersion,
} from "./store";
import { auditHeadSeq, latestAuditAnchor } from "./store-audit";

/**
 * The record of processing activities (Art. 30(1) GDPR) and the measures
 * list (TOM), generated from the live configuration: retention rules from
 * the database, second-factor and session rules from the organisation's
 * policy, hosting location from the instance configuration
 * (OBHUT_HOSTING_LOCATION), processors from the organisation's register
 * (ADR 0049; OBHUT_PROCESSORS only seeds it), crypto from the fixed suite.
 * The DPO stores a version when it is valid; each version keeps its exact
 * JSON, SHA-256 and time, so "what was valid on day X" has one answer.
 */

const L = (de: string, en: string): Localised => ({ de, en });

/** JSON with sorted keys, so the same record always has the same hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

async function measureStatus(ctx: AppContext, orgId: string, now: number): Promise<Record<string, Localised>> {
  const db = ctx.db.db;
  const policies = await organisationPolicies(db, orgId);
  const roles = ORGANISATION_STAFF_ROLES.map((role) => ({
    role,
    ...policyForRole("staff", policies.find((p) => p.role === role) ?? { idle_ms: null, absolute_ms: null }),
  }));
  const required = roles.filter((r) => r.mfaRequired).map((r) => r.role);
  const optional = roles.filter((r) => !r.mfaRequired).map((r) => r.role);
  const since = now - 90 * 86_400_000;
  const breakGlass = await countBreakGlassGrants(db, orgId, since);
  const head = await auditHeadSeq(db, orgId);
  const anchor = await latestAuditAnchor(db, orgId);
  const retention = await lastRetentionSuccess(db);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const staffIdle = Math.max(...roles.map((r) => r.idleMs)) / 60_000;
  const staffAbsolute = Math.max(...roles.map((r) => r.absoluteMs)) / 60_000;
  return {
    e2ee: L("Immer aktiv (nicht abschaltbar)", "Always on (cannot be switched off)"),
    opaque: L("Immer aktiv", "Always on"),
    second_factor: L(
      `Pflicht für: ${required.join(", ") || "—"}; freiwillig für: ${optional.join(", ") || "—"}`,
      `Required for: ${required.join(", ") || "—"}; optional for: ${optional.join(", ") || "—"}`,
    ),
    need_to_know: L(
      `Aktiv; Notfallzugriffe in den letzten 90 Tagen: ${breakGlass}`,
      `Active; break-glass accesses in the last 90 days: ${breakGlass}`,
    ),
    audit_chain: L(
      `${head ? Number(head.seq) : 0} Einträge; zuletzt verankert: ${anchor ? `Nr. ${Number(anchor.seq)} am ${day(Number(anchor.created_at))}` : "noch nie"}`,
      `${head ? Number(head.seq) : 0} entries; last anchor: ${anchor ? `no. ${Number(anchor.seq)} on ${day(Number(anchor.created_at))}` : "never"}`,
    ),
    retention: L(
      `Täglicher Lauf; zuletzt erfolgreich: ${retention?.finished_at ? day(Number(retention.finished_at)) : "noch nie"}`,
      `Daily run; last success: ${retention?.finished_at ? day(Number(retention.finished_at)) : "never"}`,
    ),
    backups: L(
      "Vom Betrieb einzurichten und zu verschlüsseln (OPERATIONS.md)",
      "To be scheduled and encrypted by operations (OPERATIONS.md)",
    ),
    sessions: L(
      `Mitarbeitende: höchstens ${staffIdle} Min. Leerlauf, ${staffAbsolute} Min. insgesamt`,
      `Staff: at most ${staffIdle} min idle, ${staffAbsolute} min in total`,
    ),
    privacy_defaults: L("Immer aktiv", "Always on"),
    forwarding_gate: L("Immer aktiv", "Always on"),
    portability: L("Verfügbar", "Available"),
  };
}

/** Generates the record now. Contacts come from the caller (a new version) or the latest stored version. */
export async function generateRecord(
  ctx: AppContext,
  orgId: string,
  contacts?: { controllerContact: string; dpoContact: string },
): Promise<ProcessingRecordView> {
  const db = ctx.db.db;
  const org = await organisationName(db, orgId);
  if (!org) throw new NotFoundError("No such organisation");
  const now = ctx.clock.now();
  let { controllerContact, dpoContact } = contacts ?? { controllerContact: "", dpoContact: "" };
  if (!contacts) {
    const latest = await latestProcessingRecordContent(db, orgId);
    if (latest !== undefined) {
      const prev = JSON.parse(latest) as Partial<ProcessingRecordView>;
      controllerContact = prev.controllerContact ?? "";
      dpoContact = prev.dpoContact ?? "";
    }
  }
  const orgRules = await effectiveRules(db, orgId);
  const instanceRules = (await effectiveRules(db, INSTANCE_SCOPE)).filter(
    (r) => r.dataClass === "inactive_client_accounts",
  );
  const status = await measureStatus(ctx, orgId, now);
  const hostingLocation = ctx.config.hostingLocation ?? null;
  const missing: ProcessingRecordView["missing"] = [];
  if (controllerContact.trim() === "") missing.push("controllerContact");
  if (dpoContact.trim() === "") missing.push("dpoContact");
  if (hostingLocation === null) missing.push("hostingLocation");
  return {
    format: "obhut-art30/1",
    generatedAt: now,
    organisation: { id: org.id, name: org.name },
    controllerContact,
    dpoContact,
    hostingLocation,
    processors: await recordProcessors(ctx, orgId),
    activities: ACTIVITIES.map((a) => ({ ...a, thirdCountryTransfers: THIRD_COUNTRY.none })),
    retention: [...orgRules, ...instanceRules].map((r) => ({
      dataClass: r.dataClass,
      startEvent: r.startEvent,
      periodDays: r.periodDays,
      enforced: r.enforced,
    })),
    crypto: CRYPTO_FACTS,
    measures: MEASURES.map((m) => ({ ...m, status: status[m.id] ?? L("—", "—") })),
    missing,
  };
}

function presentVersion(r: {
  version: number;
  sha256: string;
  created_at: number;
  created_by: string | null;
}): ProcessingRecordVersionView {
  return {
    version: Number(r.version),
    sha256: r.sha256,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
  };
}

async function versions(ctx: AppContext, orgId: string): Promise<ProcessingRecordVersionView[]> {
  return (await listProcessingRecordVersions(ctx.db.db, orgId)).map(presentVersion);
}

export async function getProcessingRecord(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<{ record: ProcessingRecordView; versions: ProcessingRecordVersionView[] }> {
  authorize(props.actor, "processing_record.read", { type: "organisation", organisationId: props.orgId });
  return { record: await generateRecord(ctx, props.orgId), versions: await versions(ctx, props.orgId) };
}

/** Stores the record generated now as the next version; refused with `record_incomplete` while a required field is empty. */
export async function storeProcessingRecord(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; controllerContact: string; dpoContact: string },
): Promise<{ version: ProcessingRecordVersionView; record: ProcessingRecordView }> {
  authorize(props.actor, "processing_record.store", { type: "organisation", organisationId: props.orgId });
  const record = await generateRecord(ctx, props.orgId, {
    controllerContact: props.controllerContact,
    dpoContact: props.dpoContact,
  });
  if (record.missing.length > 0)
    throw new AppError("record_incomplete", `Required fields are empty: ${record.missing.join(", ")}`);
  const content = canonicalJson(record);
  const sha256 = sha256Hex(content);
  const now = record.generatedAt;
  const row = await ctx.db.db.transaction().execute(async (trx) => {
    const last = await latestProcessingRecordVersion(trx, props.orgId);
    const version = last ? Number(last.version) + 1 : 1;
    const values = {
      id: newId(),
      organisation_id: props.orgId,
      version,
      content,
      sha256,
      created_by: props.actor.accountId,
      created_at: now,
    };
    // A concurrent store fails on the unique (organisation, version) constraint: a conflict, never a duplicate.
    await insertProcessingRecord(trx, values);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "processing_record.stored",
      target: { type: "processing_record", id: values.id },
      data: { version, sha256 },
    });
    return values;
  });
  return { version: presentVersion(row), record };
}

export async function getProcessingRecordVersion(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; version: number },
): Promise<{ version: ProcessingRecordVersionView; record: ProcessingRecordView }> {
  authorize(props.actor, "processing_record.read", { type: "organisation", organisationId: props.orgId });
  const row = await processingRecordVersion(ctx.db.db, props.orgId, props.version);
  if (!row) throw new NotFoundError("No such version");
  return { version: presentVersion(row), record: JSON.parse(row.content) as ProcessingRecordView };
}
