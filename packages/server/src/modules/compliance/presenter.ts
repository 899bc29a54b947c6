// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  ChannelPreferencesView,
  ConsentView,
  DocumentAcceptanceView,
  ForwardingChannel,
  OrgDocumentView,
  PublishedDocumentView,
} from "@obhut/protocol";
import type { Selectable } from "kysely";
import type {
  ChannelPreferencesTable,
  ConsentRecordsTable,
  DocumentAcceptancesTable,
  OrgDocumentsTable,
} from "../../infra/db/schema";

type DocumentRow = Selectable<OrgDocumentsTable>;
type ConsentRow = Selectable<ConsentRecordsTable>;

export function presentDocument(row: DocumentRow): OrgDocumentView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    language: row.language,
    state: row.state,
    version: row.version,
    sha256: row.sha256,
    text: row.text,
    createdBy: row.created_by,
    createdAt: row.created_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}

export function presentPublishedDocument(row: DocumentRow): PublishedDocumentView {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    kind: row.kind,
    language: row.language,
    version: row.version!,
    sha256: row.sha256,
    text: row.text,
    publishedAt: row.published_at!,
  };
}

export function presentAcceptance(row: Selectable<DocumentAcceptancesTable>): DocumentAcceptanceView {
  return {
    id: row.id,
    accountId: row.account_id,
    organisationId: row.organisation_id,
    documentId: row.document_id,
    kind: row.kind,
    language: row.language,
    version: row.version,
    sha256: row.sha256,
    source: row.source,
    acceptedAt: row.accepted_at,
  };
}

/** Whether a grant was in force at `at`: given, not expired, not withdrawn by then. */
export function consentActiveAt(grant: ConsentRow, withdrawal: ConsentRow | undefined, at: number): boolean {
  if (grant.given_at > at) return false;
  if (grant.expires_at !== null && grant.expires_at <= at) return false;
  return !withdrawal || withdrawal.given_at > at;
}

export function presentConsent(grant: ConsentRow, withdrawal: ConsentRow | undefined, at: number): ConsentView {
  return {
    id: grant.id,
    organisationId: grant.organisation_id,
    subject:
      grant.subject_type === "case"
        ? { type: "case", caseId: grant.subject_id }
        : { type: "client", clientId: grant.subject_id },
    givenBy: grant.given_by as ConsentView["givenBy"],
    capacity: grant.capacity as ConsentView["capacity"],
    purpose: grant.purpose,
    recipients: JSON.parse(grant.recipients ?? "[]") as string[],
    channels: JSON.parse(grant.channels ?? "[]") as ForwardingChannel[],
    textSha256: grant.text_sha256 ?? "",
    language: grant.language ?? "",
    method: grant.method,
    staffPresentId: grant.staff_present_id,
    recordedBy: grant.recorded_by,
    givenAt: grant.given_at,
    expiresAt: grant.expires_at,
    recordedAt: grant.recorded_at,
    withdrawal: withdrawal
      ? {
          id: withdrawal.id,
          withdrawnAt: withdrawal.given_at,
          method: withdrawal.method,
          recordedBy: withdrawal.recorded_by,
          recordedAt: withdrawal.recorded_at,
        }
      : null,
    active: consentActiveAt(grant, withdrawal, at),
  };
}

export const DEFAULT_CHANNEL_PREFERENCES: ChannelPreferencesView = {
  inApp: true,
  emailNotice: false,
  push: false,
  phone: false,
  updatedAt: null,
};

export function presentChannelPreferences(
  row: Selectable<ChannelPreferencesTable> | undefined,
): ChannelPreferencesView {
  if (!row) return DEFAULT_CHANNEL_PREFERENCES;
  return {
    inApp: row.in_app === 1,
    emailNotice: row.email_notice === 1,
    push: row.push === 1,
    phone: row.phone === 1,
    updatedAt: row.updated_at,
  };
}
