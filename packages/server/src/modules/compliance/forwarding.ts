// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type ForwardingChannel,
  type ForwardingDecisionView,
  type LegalBasis,
  COMPLIANCE_LIMITS,
} from "@obhut/protocol";
import type { AppContext } from "../../core/context";
import { AppError } from "../../core/errors";
import type { Actor } from "../../core/actor";
import { recordAudit } from "../../core/audit";
import { staffSubject } from "./subjects";
import { findMatchingConsent } from "./consents";
import { subjectRestricted } from "../../policies";
import { newId } from "../../core/ids";
import { insertForwardingDecision } from "./store-consents";

/**
 * The forwarding gate (issue 7.2): the one place that decides whether case
 * or client data may leave Obhut — an e-mail, an export for a third party,
 * a transfer to another organisation. Allowed is only what an active
 * consent covers (same purpose, recipient and channel) or what a chosen
 * legal basis with a written reason justifies. Every answer, yes or no, is
 * stored in `forwarding_decisions` and audited; a refusal throws
 * `forwarding_refused` after its record is committed.
 *
 * Features that send something call `checkForwarding` right before sending
 * and keep the decision id with what they sent.
 */
export interface ForwardingRequest {
  actor: Actor;
  organisationId: string;
  caseId?: string;
  clientId?: string;
  purpose: string;
  recipient: string;
  channel: ForwardingChannel;
  legalBasis?: LegalBasis;
  reason?: string;
}

export async function checkForwarding(ctx: AppContext, req: ForwardingRequest): Promise<ForwardingDecisionView> {
  const ref =
    req.caseId !== undefined ? { caseId: req.caseId } : req.clientId !== undefined ? { clientId: req.clientId } : null;
  if (!ref) throw new AppError("bad_request", "Name the case or the client whose data is to be forwarded");
  const db = ctx.db.db;
  const now = ctx.clock.now();
  const subject = await staffSubject(db, req.actor, "forwarding.check", req.organisationId, ref, now);
  const consent = await findMatchingConsent(db, subject, {
    purpose: req.purpose,
    recipient: req.recipient,
    channel: req.channel,
    at: now,
  });
  const reason = req.reason?.trim();
  // Art. 18: nothing about a restricted case or client leaves Obhut, whatever the basis (dsr-restrictions.ts).
  const restricted = await subjectRestricted(db, subject);
  const legalBasisOk =
    req.legalBasis !== undefined && reason !== undefined && reason.length >= COMPLIANCE_LIMITS.reasonMinChars;
  const outcome = !restricted && (consent || legalBasisOk) ? "allowed" : "refused";
  const basis: ForwardingDecisionView["basis"] | null = restricted
    ? null
    : consent
      ? { type: "consent", consentId: consent.id }
      : legalBasisOk
        ? { type: "legal_basis", legalBasis: req.legalBasis! }
        : null;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await insertForwardingDecision(trx, {
      id,
      organisation_id: subject.organisationId,
      actor_id: req.actor.accountId,
      subject_type: subject.type,
      subject_id: subject.id,
      purpose: req.purpose,
      recipient: req.recipient.trim(),
      channel: req.channel,
      outcome,
      consent_id: consent?.id ?? null,
      legal_basis: basis?.type === "legal_basis" ? basis.legalBasis : null,
      reason: basis?.type === "legal_basis" ? reason! : null,
      decided_at: now,
    });
    // The reason and the recipient stay in the decision row (for the DPO), not in the audit chain.
    await recordAudit(trx, now, {
      organisationId: subject.organisationId,
      actorId: req.actor.accountId,
      action: outcome === "allowed" ? "forwarding.allowed" : "forwarding.refused",
      target: { type: "forwarding_decision", id },
      data: {
        subjectType: subject.type,
        subjectId: subject.id,
        purpose: req.purpose,
        channel: req.channel,
        basis: basis === null ? null : basis.type === "consent" ? "consent" : basis.legalBasis,
        consentId: consent?.id ?? null,
      },
    });
  });
  if (restricted)
    throw new AppError(
      "case_restricted",
      "Processing of this data is restricted (Art. 18 GDPR); nothing may be forwarded",
    );
  if (!basis)
    throw new AppError(
      "forwarding_refused",
      "No active consent covers this purpose, recipient and channel; choose a legal basis and give a reason, or ask for consent",
    );
  return { id, allowed: true, basis, decidedAt: now };
}
