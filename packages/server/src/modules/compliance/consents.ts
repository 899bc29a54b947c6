// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ConsentView, ForwardingChannel, BodyOf, GiveMyConsent, RecordConsent } from "@obhut/protocol";
import type { Kysely, Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { isUniqueViolation } from "../../infra/db/unique-violation";
import { AppError, ConflictError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize } from "../../policies";
import { consentActiveAt, presentConsent } from "./presenter";
import { recordAudit } from "../../core/audit";
import { ownSubject, staffSubject, type Subject } from "./subjects";
import { newId } from "../../core/ids";
import {
  findGrant,
  hasWithdrawal,
  insertConsentRecord,
  listClientConsentRecords,
  listSubjectConsentRecords,
  type ConsentRow,
} from "./store-consents";
import { isStaffOfOrganisation } from "./store-subjects";

/**
 * The consent log (issue 7.2). Append-only: a grant row is written once and
 * never updated; a withdrawal is a second row that points at it, so "what
 * was in force at time T" can always be answered. Rows hold codes, ids and
 * the hash of the text shown, never names or the text itself.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** Recipient names are compared trimmed and case-insensitively ("Jugendamt Mitte" = "jugendamt mitte"). */
export function normaliseRecipient(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLocaleLowerCase("de");
}

type GrantFields = Pick<
  ConsentRow,
  | "given_by"
  | "capacity"
  | "purpose"
  | "text_sha256"
  | "language"
  | "method"
  | "staff_present_id"
  | "given_at"
  | "expires_at"
> & { recipients: string[]; channels: ForwardingChannel[] };

async function insertGrant(ctx: AppContext, actor: Actor, subject: Subject, f: GrantFields): Promise<ConsentView> {
  const now = ctx.clock.now();
  if (f.given_at > now) throw new AppError("bad_request", "A consent cannot be given in the future");
  if (f.expires_at !== null && f.expires_at <= f.given_at)
    throw new AppError("bad_request", "A consent has to expire after it was given");
  const row: ConsentRow = {
    ...f,
    id: newId(),
    organisation_id: subject.organisationId,
    kind: "grant",
    withdraws_id: null,
    subject_type: subject.type,
    subject_id: subject.id,
    client_id: subject.clientId,
    recipients: JSON.stringify([...new Set(f.recipients.map((r) => r.trim()))]),
    channels: JSON.stringify([...new Set(f.channels)]),
    recorded_by: actor.accountId,
    recorded_at: now,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertConsentRecord(trx, row);
    await recordAudit(trx, now, {
      organisationId: subject.organisationId,
      actorId: actor.accountId,
      action: "consent.recorded",
      target: { type: "consent", id: row.id },
      data: {
        subjectType: subject.type,
        subjectId: subject.id,
        purpose: row.purpose,
        channels: f.channels.join(","),
        method: row.method,
        givenBy: row.given_by,
        givenAt: row.given_at,
      },
    });
  });
  return presentConsent(row, undefined, now);
}

/** Staff record a consent given in writing, verbally or online (need-to-know as for the case). */
export async function recordConsent(
  ctx: AppContext,
  props: { actor: Actor; body: BodyOf<typeof RecordConsent> },
): Promise<ConsentView> {
  const { actor, body } = props;
  const ref = body.subject.type === "case" ? { caseId: body.subject.caseId } : { clientId: body.subject.clientId };
  const subject = await staffSubject(ctx.db.db, actor, "consent.manage", body.organisationId, ref, ctx.clock.now());
  if (body.staffPresentId !== undefined) {
    if (!(await isStaffOfOrganisation(ctx.db.db, body.staffPresentId, body.organisationId)))
      throw new AppError("bad_request", "The staff member present is not staff of this organisation");
  }
  return insertGrant(ctx, actor, subject, {
    given_by: body.givenBy,
    capacity: body.capacity,
    purpose: body.purpose,
    recipients: body.recipients,
    channels: body.channels,
    text_sha256: body.textSha256,
    language: body.language,
    method: body.method,
    staff_present_id: body.staffPresentId ?? null,
    given_at: body.givenAt ?? ctx.clock.now(),
    expires_at: body.expiresAt ?? null,
  });
}

/** A client gives a consent online, now, for themselves or one of their cases. */
export async function giveMyConsent(
  ctx: AppContext,
  props: { actor: Actor; body: BodyOf<typeof GiveMyConsent> },
): Promise<ConsentView> {
  const { actor, body } = props;
  const subject = await ownSubject(ctx.db.db, actor, body.organisationId, body.caseId);
  return insertGrant(ctx, actor, subject, {
    given_by: "subject",
    capacity: body.capacity,
    purpose: body.purpose,
    recipients: body.recipients,
    channels: body.channels,
    text_sha256: body.textSha256,
    language: body.language,
    method: "online",
    staff_present_id: null,
    given_at: ctx.clock.now(),
    expires_at: body.expiresAt ?? null,
  });
}

/**
 * Records a withdrawal as a new row. `as: "staff"` checks need-to-know like
 * recording; `as: "client"` only lets the client concerned withdraw.
 */
export async function withdrawConsent(
  ctx: AppContext,
  props: {
    actor: Actor;
    as: "staff" | "client";
    consentId: string;
    method: ConsentRow["method"];
    withdrawnAt?: number;
  },
): Promise<ConsentView> {
  const { actor } = props;
  const now = ctx.clock.now();
  const grant = await findGrant(ctx.db.db, props.consentId);
  if (props.as === "client") authorize(actor, "consent.own", { type: "own", ownerId: grant?.client_id ?? "(none)" });
  else if (!grant) {
    authorize(actor, "consent.manage", { type: "organisation", organisationId: actor.organisationId ?? "(none)" });
    throw new NotFoundError("No such consent");
  } else
    await staffSubject(
      ctx.db.db,
      actor,
      "consent.manage",
      grant.organisation_id,
      grant.subject_type === "case" ? { caseId: grant.subject_id } : { clientId: grant.subject_id },
      now,
    );
  if (!grant) throw new NotFoundError("No such consent");
  const withdrawnAt = props.withdrawnAt ?? now;
  if (withdrawnAt > now) throw new AppError("bad_request", "A withdrawal cannot lie in the future");
  if (withdrawnAt < grant.given_at)
    throw new AppError("bad_request", "A consent cannot be withdrawn before it was given");
  const row: ConsentRow = {
    ...grant,
    id: newId(),
    kind: "withdrawal",
    withdraws_id: grant.id,
    given_by: null,
    capacity: null,
    recipients: null,
    channels: null,
    text_sha256: null,
    language: null,
    method: props.method,
    staff_present_id: null,
    recorded_by: actor.accountId,
    given_at: withdrawnAt,
    expires_at: null,
    recorded_at: now,
  };
  await withdrawInTransaction(ctx, { actor, grant, row, method: props.method, withdrawnAt, now }).catch(
    (err: unknown) => {
      // A concurrent withdrawal of the same consent won the unique withdraws_id.
      throw isUniqueViolation(err) ? new ConflictError("This consent has already been withdrawn") : err;
    },
  );
  return presentConsent(grant, row, now);
}

async function withdrawInTransaction(
  ctx: AppContext,
  p: {
    actor: Actor;
    grant: ConsentRow;
    row: ConsentRow;
    method: ConsentRow["method"];
    withdrawnAt: number;
    now: number;
  },
): Promise<void> {
  const { actor, grant, row, withdrawnAt, now } = p;
  await ctx.db.db.transaction().execute(async (trx) => {
    if (await hasWithdrawal(trx, grant.id)) throw new ConflictError("This consent has already been withdrawn");
    await insertConsentRecord(trx, row);
    await recordAudit(trx, now, {
      organisationId: grant.organisation_id,
      actorId: actor.accountId,
      action: "consent.withdrawn",
      target: { type: "consent", id: grant.id },
      data: { withdrawalId: row.id, purpose: grant.purpose, method: p.method, withdrawnAt },
    });
  });
}

/** Grants of a subject with their withdrawals. A case's list includes the client-level consents of its client. */
export async function consentsOf(db: Db, subject: Subject): Promise<{ grant: ConsentRow; withdrawal?: ConsentRow }[]> {
  const rows = await listSubjectConsentRecords(db, {
    organisationId: subject.organisationId,
    clientId: subject.clientId,
    ...(subject.type === "case" ? { caseId: subject.id } : {}),
  });
  const withdrawals = new Map(rows.filter((r) => r.kind === "withdrawal").map((r) => [r.withdraws_id!, r]));
  return rows
    .filter((r) => r.kind === "grant")
    .map((grant) => {
      const withdrawal = withdrawals.get(grant.id);
      return withdrawal ? { grant, withdrawal } : { grant };
    });
}

export async function listConsents(
  ctx: AppContext,
  props: { actor: Actor; organisationId: string; ref: { caseId: string } | { clientId: string }; at?: number },
): Promise<ConsentView[]> {
  const subject = await staffSubject(
    ctx.db.db,
    props.actor,
    "consent.manage",
    props.organisationId,
    props.ref,
    ctx.clock.now(),
  );
  const at = props.at ?? ctx.clock.now();
  return (await consentsOf(ctx.db.db, subject)).map((c) => presentConsent(c.grant, c.withdrawal, at));
}

export async function listMyConsents(
  ctx: AppContext,
  props: { actor: Actor; organisationId?: string; at?: number },
): Promise<ConsentView[]> {
  authorize(props.actor, "consent.own", { type: "own", ownerId: props.actor.accountId });
  const rows = await listClientConsentRecords(ctx.db.db, props.actor.accountId, props.organisationId);
  const withdrawals = new Map(rows.filter((r) => r.kind === "withdrawal").map((r) => [r.withdraws_id!, r]));
  const at = props.at ?? ctx.clock.now();
  return rows.filter((r) => r.kind === "grant").map((g) => presentConsent(g, withdrawals.get(g.id), at));
}

/** The first consent in force at `at` that covers this purpose, recipient and channel for the subject. */
export async function findMatchingConsent(
  db: Db,
  subject: Subject,
  want: { purpose: string; recipient: string; channel: ForwardingChannel; at: number },
): Promise<ConsentRow | undefined> {
  const recipient = normaliseRecipient(want.recipient);
  for (const { grant, withdrawal } of await consentsOf(db, subject)) {
    if (grant.purpose !== want.purpose || !consentActiveAt(grant, withdrawal, want.at)) continue;
    // A consent given for one case does not cover the client's data in general.
    if (subject.type === "client" && grant.subject_type === "case") continue;
    const recipients = (JSON.parse(grant.recipients ?? "[]") as string[]).map(normaliseRecipient);
    const channels = JSON.parse(grant.channels ?? "[]") as string[];
    if (recipients.includes(recipient) && channels.includes(want.channel)) return grant;
  }
  return undefined;
}
