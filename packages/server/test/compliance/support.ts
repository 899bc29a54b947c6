// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/infra/db/schema";
import { rid, seedAccount, type SeededAccount } from "../helpers/factories";

/**
 * Fixtures for the compliance tests: a case row (with the agency, topic and
 * conversation it needs) written straight into the database, and published
 * documents without going through the approval routes.
 */
export async function seedCase(
  db: Kysely<Database>,
  props: { orgId: string; teamId: string; client?: SeededAccount; assigneeId?: string | null; now?: number },
): Promise<{ caseId: string; client: SeededAccount }> {
  const now = props.now ?? Date.now();
  const client = props.client ?? (await seedAccount(db, { orgId: null, role: "client", now }));
  const agencyId = rid("ag");
  const topicId = rid("tp");
  const conversationId = rid("cv");
  const caseId = rid("case");
  await db
    .insertInto("agencies")
    .values({
      id: agencyId,
      organisation_id: props.orgId,
      name: "Beratungsstelle",
      address: null,
      postcodes: "[]",
      languages: '["de"]',
      opening_hours: null,
      online_anywhere: 1,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("topics")
    .values({
      id: topicId,
      organisation_id: props.orgId,
      slug: rid("t"),
      name: "Thema",
      address_form: "formal",
      created_at: now,
    })
    .execute();
  await db
    .insertInto("conversations")
    .values({ id: conversationId, organisation_id: props.orgId, kind: "case", created_by: client.id, created_at: now })
    .execute();
  await db
    .insertInto("cases")
    .values({
      id: caseId,
      organisation_id: props.orgId,
      conversation_id: conversationId,
      notes_conversation_id: null,
      agency_id: agencyId,
      topic_id: topicId,
      team_id: props.teamId,
      client_id: client.id,
      assignee_id: props.assigneeId ?? null,
      preferred_counsellor_id: null,
      state: props.assigneeId ? "active" : "new",
      created_at: now,
      accepted_at: null,
      closed_at: null,
      archived_at: null,
      waiting_since: null,
      greeting_sent_at: null,
    })
    .execute();
  return { caseId, client };
}

export function sha256Hex(text: string): string {
  return crypto.createHash("sha256").update(text, "utf8").digest("hex");
}

/** A document row in any state, straight into the database. */
export async function seedDocument(
  db: Kysely<Database>,
  props: {
    orgId: string;
    kind?: "privacy_notice" | "communication_guideline";
    language?: "de" | "en";
    state: "draft" | "approved" | "published";
    version?: number;
    authorId?: string;
    text?: string;
    now?: number;
  },
): Promise<{ id: string; sha256: string }> {
  const now = props.now ?? Date.now();
  const id = rid("doc");
  const text = props.text ?? `Leitfaden ${id}`;
  const sha256 = sha256Hex(text);
  await db
    .insertInto("org_documents")
    .values({
      id,
      organisation_id: props.orgId,
      kind: props.kind ?? "communication_guideline",
      language: props.language ?? "de",
      state: props.state,
      version: props.state === "published" ? (props.version ?? 1) : null,
      sha256,
      text,
      created_by: props.authorId ?? rid("acc"),
      created_at: now,
      approved_by: props.state === "draft" ? null : rid("acc"),
      approved_at: props.state === "draft" ? null : now,
      published_by: props.state === "published" ? rid("acc") : null,
      published_at: props.state === "published" ? now : null,
      superseded_at: null,
    })
    .execute();
  return { id, sha256 };
}
