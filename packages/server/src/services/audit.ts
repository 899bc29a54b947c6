// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * Audit events: who did what to which object, never content and never IP
 * addresses. The tamper-evident hash chain over these rows comes with the
 * data-protection work; every service emits its events through here now.
 */
export interface AuditEvent {
  organisationId: string | null;
  actorId: string | null;
  action: string;
  target?: { type: string; id: string };
  data?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Kysely<Database> | Transaction<Database>, now: number, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_events")
    .values({
      organisation_id: event.organisationId,
      actor_id: event.actorId,
      action: event.action,
      target_type: event.target?.type ?? null,
      target_id: event.target?.id ?? null,
      data: JSON.stringify(event.data ?? {}),
      created_at: now,
    })
    .execute();
}
