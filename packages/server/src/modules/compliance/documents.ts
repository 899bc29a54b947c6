// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type {
  DocumentAcceptanceView,
  DocumentKind,
  DocumentLanguage,
  OrgDocumentView,
  PublishedDocumentView,
} from "@obhut/protocol";
import type { Transaction } from "kysely";
import type { AppContext } from "../../core/context";
import type { Database } from "../../infra/db/schema";
import { isUniqueViolation } from "../../infra/db/unique-violation";
import { AppError, ConflictError, NotFoundError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { authorize, hasConfirmedGuideline } from "../../policies";
import { presentAcceptance, presentDocument, presentPublishedDocument } from "./presenter";
import { recordAudit } from "../../core/audit";
import { newId } from "../../core/ids";
import {
  changeDraftText,
  findDocument,
  storeAcceptance,
  insertDocument,
  lastVersion,
  listAcceptancesOf,
  listAcceptedDocumentIds,
  listGuidelineConfirmations,
  listOrgDocuments,
  listPublishedDocuments,
  markDraftApproved,
  markPublished,
  supersedePublished,
  type DocumentRow,
} from "./store-documents";
import { listActiveStaff, organisationExists } from "./store-subjects";

/**
 * Organisation documents (issue 7.1): the privacy notice and the
 * communication guideline, per language. A draft is written by an admin or
 * the DPO, approved by a management role other than its author (four eyes,
 * see policies `document.approve`) and only then published as the next
 * version number. A published text never changes; it is identified by its
 * version and the SHA-256 of its text, and every acceptance records both.
 */

/** What the guideline check needs of an actor (sessions and the messaging layer both have it). */

/** Lower-case hex SHA-256 of the UTF-8 text; browsers compute the same with WebCrypto. */
export function documentHash(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

export async function listDocuments(
  ctx: AppContext,
  props: { actor: Actor; orgId: string },
): Promise<OrgDocumentView[]> {
  authorize(props.actor, "document.manage", { type: "organisation", organisationId: props.orgId });
  return (await listOrgDocuments(ctx.db.db, props.orgId)).map(presentDocument);
}

export async function createDraft(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; kind: DocumentKind; language: DocumentLanguage; text: string },
): Promise<OrgDocumentView> {
  authorize(props.actor, "document.manage", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  const row: DocumentRow = {
    id: newId(),
    organisation_id: props.orgId,
    kind: props.kind,
    language: props.language,
    state: "draft",
    version: null,
    sha256: documentHash(props.text),
    text: props.text,
    created_by: props.actor.accountId,
    created_at: now,
    approved_by: null,
    approved_at: null,
    published_by: null,
    published_at: null,
    superseded_at: null,
  };
  await ctx.db.db.transaction().execute(async (trx) => {
    await insertDocument(trx, row);
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "document.drafted",
      target: { type: "document", id: row.id },
      data: { kind: row.kind, language: row.language, sha256: row.sha256 },
    });
  });
  return presentDocument(row);
}

export async function updateDraft(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; documentId: string; text: string },
): Promise<OrgDocumentView> {
  authorize(props.actor, "document.manage", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  const sha256 = documentHash(props.text);
  return ctx.db.db.transaction().execute(async (trx) => {
    const doc = await findDocument(trx, props.documentId, props.orgId);
    if (!doc) throw new NotFoundError("No such document");
    // Only an unapproved draft changes; the condition in the update makes a concurrent approval win cleanly.
    if ((await changeDraftText(trx, doc.id, props.text, sha256)) !== 1)
      throw new ConflictError("Only a draft that is not yet approved can be changed; write a new draft instead");
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "document.draft_changed",
      target: { type: "document", id: doc.id },
      data: { kind: doc.kind, language: doc.language, sha256 },
    });
    return presentDocument({ ...doc, text: props.text, sha256 });
  });
}

export async function approveDraft(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; documentId: string; sha256: string },
): Promise<OrgDocumentView> {
  const doc = await findDocument(ctx.db.db, props.documentId, props.orgId);
  if (!doc) {
    authorize(props.actor, "document.approve", { type: "organisation", organisationId: props.orgId });
    throw new NotFoundError("No such document");
  }
  authorize(props.actor, "document.approve", {
    type: "document",
    organisationId: props.orgId,
    authorId: doc.created_by,
  });
  const now = ctx.clock.now();
  return ctx.db.db.transaction().execute(async (trx) => {
    // The approver names the text they read: a draft edited in between is not approved by accident.
    const approval = { approved_by: props.actor.accountId, approved_at: now };
    if ((await markDraftApproved(trx, doc.id, props.sha256, approval)) !== 1)
      throw new ConflictError("This draft is no longer the text you read, or it is not a draft any more");
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "document.approved",
      target: { type: "document", id: doc.id },
      data: { kind: doc.kind, language: doc.language, sha256: doc.sha256, author: doc.created_by },
    });
    return presentDocument({ ...doc, state: "approved", approved_by: props.actor.accountId, approved_at: now });
  });
}

export async function publishDocument(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; documentId: string },
): Promise<OrgDocumentView> {
  authorize(props.actor, "document.publish", { type: "organisation", organisationId: props.orgId });
  const now = ctx.clock.now();
  try {
    return await publishInTransaction(ctx, props, now);
  } catch (err) {
    // A concurrent publish of the same kind and language took this version number first.
    if (isUniqueViolation(err)) throw new ConflictError("Another version was published at the same moment; reload");
    throw err;
  }
}

function publishInTransaction(
  ctx: AppContext,
  props: { actor: Actor; orgId: string; documentId: string },
  now: number,
): Promise<OrgDocumentView> {
  return ctx.db.db.transaction().execute(async (trx) => {
    const doc = await findDocument(trx, props.documentId, props.orgId);
    if (!doc) throw new NotFoundError("No such document");
    if (doc.state === "draft")
      throw new AppError("document_not_approved", "A management role other than the author has to approve it first");
    if (doc.state !== "approved") throw new ConflictError("This version is already published");
    const version = (await lastVersion(trx, props.orgId, doc.kind, doc.language)) + 1;
    await supersedePublished(trx, props.orgId, doc.kind, doc.language, now);
    // A concurrent publish of the same kind and language loses on the unique (…, version) constraint.
    const publication = { version, published_by: props.actor.accountId, published_at: now };
    if ((await markPublished(trx, doc.id, publication)) !== 1)
      throw new ConflictError("This version is already published");
    await recordAudit(trx, now, {
      organisationId: props.orgId,
      actorId: props.actor.accountId,
      action: "document.published",
      target: { type: "document", id: doc.id },
      data: { kind: doc.kind, language: doc.language, version, sha256: doc.sha256 },
    });
    return presentDocument({
      ...doc,
      state: "published",
      version,
      published_by: props.actor.accountId,
      published_at: now,
    });
  });
}

/** Public: what a client reads before signing up. Unknown organisations are "not found". */
export async function publishedDocuments(ctx: AppContext, orgId: string): Promise<PublishedDocumentView[]> {
  if (!(await organisationExists(ctx.db.db, orgId))) throw new NotFoundError("No such organisation");
  return (await listPublishedDocuments(ctx.db.db, orgId)).map(presentPublishedDocument);
}

/**
 * A client accepts a published version (sign-up), or a staff member
 * confirms reading one of their organisation's (`orgId` given). The hash
 * must be that of the current published text: an outdated page cannot
 * record a stale version.
 */
export async function acceptDocument(
  ctx: AppContext,
  props: { actor: Actor; orgId?: string; documentId: string; sha256: string },
): Promise<DocumentAcceptanceView> {
  if (props.orgId === undefined) authorize(props.actor, "document.accept", { type: "instance" });
  else authorize(props.actor, "guideline.confirm", { type: "organisation", organisationId: props.orgId });
  const doc = await findDocument(ctx.db.db, props.documentId, props.orgId);
  // Drafts are not public: "not found", like ids that do not exist.
  if (!doc || (doc.state !== "published" && doc.state !== "superseded")) throw new NotFoundError("No such document");
  if (doc.state === "superseded") throw new ConflictError("A newer version has been published; please read it");
  if (doc.sha256 !== props.sha256) throw new ConflictError("The text you read is not the published version");
  const now = ctx.clock.now();
  const source = props.orgId === undefined ? "accepted" : "staff_confirmed";
  return ctx.db.db.transaction().execute(async (trx) => {
    const row = await insertAcceptance(trx, now, { accountId: props.actor.accountId, doc, source });
    return presentAcceptance(row);
  });
}

async function insertAcceptance(
  trx: Transaction<Database>,
  now: number,
  props: { accountId: string; doc: DocumentRow; source: "accepted" | "staff_confirmed" },
) {
  const row = {
    id: newId(),
    account_id: props.accountId,
    organisation_id: props.doc.organisation_id,
    document_id: props.doc.id,
    kind: props.doc.kind,
    language: props.doc.language,
    version: props.doc.version!,
    sha256: props.doc.sha256,
    source: props.source,
    accepted_at: now,
  };
  await storeAcceptance(trx, row);
  await recordAudit(trx, now, {
    organisationId: props.doc.organisation_id,
    actorId: props.accountId,
    action: props.source === "staff_confirmed" ? "guideline.confirmed" : "document.accepted",
    target: { type: "document", id: props.doc.id },
    data: { kind: row.kind, language: row.language, version: row.version, source: row.source },
  });
  return row;
}

/**
 * With an enquiry (inside the case-opening transaction): records the organisation's published
 * documents the client was shown, each only if the hash of the text the browser displayed is that
 * of the current version. Nothing is recorded for a document the client did not see. While the
 * organisation publishes a privacy notice, the case opens only if the client has accepted a
 * current version of it, now or earlier (`privacy_notice_required`).
 */
export async function recordShownDocuments(
  trx: Transaction<Database>,
  now: number,
  props: { clientId: string; organisationId: string; shown: readonly { documentId: string; sha256: string }[] },
): Promise<number> {
  const current = await listPublishedDocuments(trx, props.organisationId);
  if (current.length === 0) return 0;
  const accepted = new Set(
    await listAcceptedDocumentIds(
      trx,
      props.clientId,
      current.map((d) => d.id),
    ),
  );
  let recorded = 0;
  for (const shown of props.shown) {
    const doc = current.find((d) => d.id === shown.documentId);
    if (!doc || doc.sha256 !== shown.sha256) {
      throw new AppError("privacy_notice_required", "The text shown is not the organisation's current version");
    }
    if (accepted.has(doc.id)) continue;
    await insertAcceptance(trx, now, { accountId: props.clientId, doc, source: "accepted" });
    accepted.add(doc.id);
    recorded += 1;
  }
  const notices = current.filter((d) => d.kind === "privacy_notice");
  if (notices.length > 0 && !notices.some((d) => accepted.has(d.id))) {
    throw new AppError("privacy_notice_required", "The organisation's current privacy notice has not been accepted");
  }
  return recorded;
}

export async function myAcceptances(
  ctx: AppContext,
  actor: Actor,
): Promise<{ acceptances: DocumentAcceptanceView[]; guidelineConfirmationRequired: boolean }> {
  const rows = await listAcceptancesOf(ctx.db.db, actor.accountId);
  return {
    acceptances: rows.map(presentAcceptance),
    guidelineConfirmationRequired: !(await hasConfirmedGuideline(ctx.db.db, actor)),
  };
}

/** Active staff of the organisation who have not confirmed any current guideline version. */
export async function guidelineReport(ctx: AppContext, props: { actor: Actor; orgId: string }) {
  authorize(props.actor, "guideline.report", { type: "organisation", organisationId: props.orgId });
  const db = ctx.db.db;
  const current = await listPublishedDocuments(db, props.orgId, "communication_guideline");
  const currentIds = new Set(current.map((d) => d.id));
  const staff = await listActiveStaff(db, props.orgId);
  const confirmations =
    staff.length === 0 || current.length === 0
      ? []
      : await listGuidelineConfirmations(
          db,
          props.orgId,
          staff.map((s) => s.id),
        );
  const unconfirmed =
    current.length === 0
      ? []
      : staff
          .filter((s) => !confirmations.some((c) => c.account_id === s.id && currentIds.has(c.document_id)))
          .map((s) => {
            const versions = confirmations.filter((c) => c.account_id === s.id).map((c) => c.version);
            return {
              accountId: s.id,
              username: s.username,
              role: s.role,
              lastConfirmedVersion: versions.length > 0 ? Math.max(...versions) : null,
            };
          });
  return {
    current: current.map((d) => {
      const { text: _text, ...rest } = presentPublishedDocument(d);
      return rest;
    }),
    unconfirmed,
  };
}
