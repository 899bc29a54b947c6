// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError, isCryptoError, sealMessage, toBase64Url } from "@obhut/crypto";
import type { AgencyView, BodyOf, CaseEventView, CaseView, OpenCase } from "@obhut/protocol";
import { noteClientCases } from "../account/client-address-form";
import { ApiError } from "../api/client";
import { encodeBody, textBody } from "../messaging/body";
import { getCase, openCase } from "../messaging/endpoints";
import { createInitialEpoch, newId } from "../messaging/initial-epoch";
import { OrgChangedError } from "../messaging/org-log";
import type { MessagingSession } from "../messaging/session";
import { clientCaseTrust } from "../messaging/trust";
import { getSession, subscribeSession } from "../keys/session-store";

export type OpenCaseBody = BodyOf<typeof OpenCase>;

export class EnquiryError extends Error {
  override readonly name = "EnquiryError";
  constructor(
    readonly reason: "untrusted" | "no_intake" | "network" | "refused" | "privacy_changed" | "org_changed",
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }

  /** The reason doubles as the stable code the request hook reports (api/use-action.ts, errorCode). */
  get code(): string {
    return this.reason;
  }
}

/**
 * Builds the first enquiry entirely in the browser: the agency's org log is
 * fetched and verified, the intake team's current key generation and the
 * archive key are taken from that verified log, epoch 1 is created with the
 * client as its only participant and signer, and the first message is
 * sealed under it. The ids are chosen here because the epoch record signs
 * the conversation id. Nothing is sent yet: a retry after a lost answer
 * sends exactly this body again.
 */
export async function prepareEnquiry(
  messaging: MessagingSession,
  props: { agency: AgencyView; topicId: string; counsellorId: string | null; text: string; now?: number },
): Promise<OpenCaseBody> {
  const { agency } = props;
  if (!agency.intakeTeamId) throw new EnquiryError("no_intake");
  const now = props.now ?? Date.now();
  let orgLog;
  try {
    orgLog = await messaging.orgLogs.load(agency.organisationId);
  } catch (error) {
    // Not the organisation this client pinned: stop before anything is sealed or sent (ADR 0030).
    if (error instanceof OrgChangedError) throw new EnquiryError("org_changed", { cause: error });
    throw new EnquiryError(error instanceof ApiError ? "network" : "untrusted", { cause: error });
  }
  const conversationId = newId();
  const clientMsgId = newId();
  const { keys, account } = messaging;
  let initial;
  try {
    initial = await createInitialEpoch({ conversationId, orgLog, teamId: agency.intakeTeamId, keys, timestamp: now });
  } catch (error) {
    // The intake team has no key in the verified log: nothing can be sent safely.
    throw new EnquiryError(isCryptoError(error) ? "untrusted" : "refused", { cause: error });
  }
  // Our own epoch: remember record and key, so the case page opens the first message without another unwrap.
  const trust = clientCaseTrust({ orgLog, self: { accountId: account.id, signingKey: keys.signing.publicKey } });
  messaging.epochs.accept(conversationId, [initial.record], (key, record) => trust.isEpochSigner(key, record));
  messaging.epochs.setKey(conversationId, 1, initial.epochKey);
  const envelope = await sealMessage({
    header: { conversationId, epoch: 1, messageId: clientMsgId, timestamp: now, senderKeyId: keys.signing.publicKey },
    plaintext: encodeBody(textBody(props.text)),
    epochKey: initial.epochKey,
    sender: keys.signing,
  });
  return {
    caseId: newId(),
    conversationId,
    agencyId: agency.id,
    topicId: props.topicId,
    ...(props.counsellorId ? { preferredCounsellorId: props.counsellorId } : {}),
    epoch: initial.body,
    firstMessage: { clientMsgId, envelope: toBase64Url(envelope) },
  };
}

/**
 * Sends the prepared enquiry. If an earlier attempt was stored but its
 * answer lost, the server refuses the repeated ids (conflict); the case is
 * then ours already and is read back.
 */
export async function submitEnquiry(
  messaging: MessagingSession,
  body: OpenCaseBody,
): Promise<{ case: CaseView; events: CaseEventView[] }> {
  try {
    const opened = await messaging.api.request(openCase, { body });
    // The new counselling is the newest: its form of address is the client's from now on (unless they chose one).
    noteClientCases([opened.case]);
    return opened;
  } catch (error) {
    if (error instanceof ApiError && error.code === "conflict") {
      try {
        return await messaging.api.request(getCase, { params: { caseId: body.caseId } });
      } catch {
        // Not ours after all: report the conflict.
      }
    }
    if (error instanceof ApiError && (error.code === "network_error" || error.status >= 500)) {
      throw new EnquiryError("network", { cause: error });
    }
    if (error instanceof CryptoError) throw new EnquiryError("untrusted", { cause: error });
    // The organisation published a new version of its notice meanwhile: it has to be shown again.
    if (error instanceof ApiError && error.code === "privacy_notice_required") {
      throw new EnquiryError("privacy_changed", { cause: error });
    }
    throw new EnquiryError("refused", { cause: error });
  }
}

/**
 * Files chosen with the enquiry, handed to the case page (memory only):
 * they can only be uploaded once the case and its conversation exist, and
 * are sent there as the second message. Dropped when the session ends.
 */
const enquiryFiles = new Map<string, File[]>();
subscribeSession(() => {
  if (!getSession()) enquiryFiles.clear();
});

export function queueEnquiryFiles(caseId: string, files: File[]): void {
  if (files.length > 0) enquiryFiles.set(caseId, files);
}

/** The files queued for this case, once (the caller sends them). */
export function takeEnquiryFiles(caseId: string): File[] {
  const files = enquiryFiles.get(caseId) ?? [];
  enquiryFiles.delete(caseId);
  return files;
}
