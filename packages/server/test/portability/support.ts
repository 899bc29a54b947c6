// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CompleteAttachment, CreateAttachment, CreateConversation, SendMessage } from "@obhut/protocol";
import { expect } from "vitest";
import { createBlobStore } from "../../src/infra/blobs";
import { loadOrCreateSecrets, type Secrets } from "../../src/infra/config/secrets";
import { connect, type DbHandle } from "../../src/infra/db/connect";
import type { DialectName } from "../../src/infra/db/dialect";
import { anchorAuditChains } from "../../src/modules/dpo/audit-verify";
import { sealTotpSecret } from "../../src/modules/identity/mfa";
import { scopedRows } from "../../src/modules/portability/store";
import { EXPORT_TABLES, type AnyDb } from "../../src/modules/portability/tables";
import { seedCase } from "../compliance/support";
import { createPgDatabase, tempDir } from "../helpers/databases";
import type { TestServer } from "../helpers/server";
import {
  appendEntry,
  client,
  createStaff,
  loginWithKeys,
  setupOrganisation,
  staffPayload,
  type TestAccount,
} from "../keys/support";
import { fakeEnvelope } from "../messaging/support";

export const PASSPHRASE = "correct horse battery staple";

export interface BuiltOrg {
  orgId: string;
  admin: TestAccount;
  staff: TestAccount;
  conversationId: string;
  envelopes: string[];
  attachmentId: string;
  attachment: Buffer;
  totpSecret: string;
}

/**
 * An organisation with real data, made the way the product makes it: first
 * start setup with OPAQUE and a signed org log (so the admin can log in
 * anywhere the OPAQUE setup travels), a certified staff member, a team
 * conversation with messages and an encrypted attachment through the API,
 * epochs, a case with events and a consent, a sealed TOTP secret and signed
 * audit anchors. Rows the API cannot make yet are written like other tests do.
 */
export async function buildOrganisation(server: TestServer): Promise<BuiltOrg> {
  const setup = await setupOrganisation(server);
  const { orgId, admin } = setup;
  const db = server.ctx.db.db;
  const now = server.ctx.clock.now();
  const c = client(server);
  c.jar.cookie = (await loginWithKeys(c.send, admin.username, admin.password)).cookie;
  const staff = await createStaff(server, orgId);
  expect((await appendEntry(c.send, setup, staffPayload("staff-key-certified", staff))).status).toBe(201);

  const conv = await c.api.call(CreateConversation, { body: { kind: "team", memberIds: [staff.id] } });
  expect(conv.status, JSON.stringify(conv.body)).toBe(201);
  const conversationId = conv.body.conversation.id;
  const envelopes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const envelope = fakeEnvelope(200, i + 1);
    const res = await c.api.call(SendMessage, {
      params: { id: conversationId },
      body: { clientMsgId: `m-${i}-${crypto.randomBytes(4).toString("hex")}`, envelope },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    envelopes.push(envelope);
  }
  await db
    .insertInto("conversation_epochs")
    .values({
      conversation_id: conversationId,
      epoch: 1,
      record: crypto.randomBytes(180),
      created_by: admin.id,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("epoch_key_wraps")
    .values({
      conversation_id: conversationId,
      epoch: 1,
      recipient_account_id: staff.id,
      wrap: crypto.randomBytes(80),
      created_at: now,
    })
    .execute();

  // An attachment of two chunks plus a bit, uploaded and completed through the API.
  const attachment = crypto.randomBytes(300 * 1024 + 17);
  const started = await c.api.call(CreateAttachment, { body: { conversationId, size: attachment.length } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const { attachmentId, chunkSize, chunkCount } = started.body;
  for (let i = 0; i < chunkCount; i++) {
    // Chunks are raw octet-stream bodies, which the typed (JSON) client does not send: a raw inject.
    const res = await server.app.inject({
      method: "PUT",
      url: `/api/attachments/${attachmentId}/chunks/${i}`,
      remoteAddress: "10.99.0.1",
      headers: { cookie: c.jar.cookie, "content-type": "application/octet-stream" },
      payload: attachment.subarray(i * chunkSize, (i + 1) * chunkSize),
    });
    expect(res.statusCode).toBe(204);
  }
  expect((await c.api.call(CompleteAttachment, { params: { id: attachmentId } })).status).toBe(200);

  const teamId = crypto.randomBytes(8).toString("hex");
  await db
    .insertInto("teams")
    .values({ id: teamId, organisation_id: orgId, agency_id: null, name: "Intake", is_intake: 1, created_at: now })
    .execute();
  await db
    .insertInto("team_members")
    .values({ team_id: teamId, account_id: staff.id, role: "lead", added_at: now })
    .execute();
  const { caseId, client: caseClient } = await seedCase(db, { orgId, teamId, assigneeId: staff.id, now });
  await db
    .insertInto("case_events")
    .values({
      id: `ev-${caseId}`,
      case_id: caseId,
      type: "opened",
      actor_id: caseClient.id,
      assignee_id: null,
      team_id: teamId,
      text: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto("epoch_team_wraps")
    .values({
      conversation_id: conversationId,
      epoch: 1,
      role: "team",
      ref_id: teamId,
      generation: 1,
      wrap: crypto.randomBytes(80),
      created_at: now,
    })
    .execute();
  const grant = `cons-${caseId}`;
  // The withdrawal's id sorts before its grant's: the export must still put the grant first.
  await db
    .insertInto("consent_records")
    .values([
      {
        id: `a-${grant}`,
        organisation_id: orgId,
        kind: "grant",
        withdraws_id: null,
        subject_type: "case",
        subject_id: caseId,
        client_id: caseClient.id,
        given_by: caseClient.id,
        capacity: "self",
        purpose: "forwarding",
        recipients: '["Jugendamt"]',
        channels: '["email"]',
        text_sha256: "0".repeat(64),
        language: "de",
        method: "online",
        staff_present_id: null,
        recorded_by: staff.id,
        given_at: now,
        expires_at: null,
        recorded_at: now,
      },
    ])
    .execute();
  await db
    .insertInto("consent_records")
    .values({
      id: `0-${grant}`,
      organisation_id: orgId,
      kind: "withdrawal",
      withdraws_id: `a-${grant}`,
      subject_type: "case",
      subject_id: caseId,
      client_id: caseClient.id,
      given_by: caseClient.id,
      capacity: null,
      purpose: "forwarding",
      recipients: null,
      channels: null,
      text_sha256: null,
      language: null,
      method: "online",
      staff_present_id: null,
      recorded_by: staff.id,
      given_at: now + 1,
      expires_at: null,
      recorded_at: now + 1,
    })
    .execute();
  await db
    .insertInto("legal_holds")
    .values({
      id: `hold-${caseId}`,
      organisation_id: orgId,
      case_id: caseId,
      reason: "Gerichtsverfahren",
      set_by: admin.id,
      set_at: now,
      released_by: null,
      released_at: null,
    })
    .execute();
  await db
    .insertInto("retention_rules")
    .values({ scope: orgId, data_class: "messages", period_days: 400, updated_by: admin.id, updated_at: now })
    .execute();

  const totpSecret = "JBSWY3DPEHPK3PXP";
  await db
    .insertInto("mfa_totp")
    .values({
      account_id: staff.id,
      secret_enc: sealTotpSecret(server.ctx.secrets.mfaKey, staff.id, totpSecret),
      confirmed_at: now,
      last_time_step: null,
      created_at: now,
    })
    .execute();
  await anchorAuditChains(db, server.ctx.secrets.auditAnchorKey, now);
  return { orgId, admin, staff, conversationId, envelopes, attachmentId, attachment, totpSecret };
}

/** An empty target instance: a data folder (with its own secrets) and an unmigrated database. */
export interface Target {
  dialect: DialectName;
  dataDir: string;
  databaseUrl: string | undefined;
  db: DbHandle;
  secrets: Secrets;
  blobs: ReturnType<typeof createBlobStore>;
  /** Reloads secrets.json (the import may have changed it). */
  reloadSecrets(): Promise<Secrets>;
  destroy(): Promise<void>;
}

export async function createTarget(dialect: DialectName): Promise<Target> {
  const dataDir = tempDir("obhut-import-");
  let databaseUrl: string | undefined;
  let drop = async () => undefined as void;
  if (dialect === "postgres") {
    const created = await createPgDatabase();
    databaseUrl = created.url;
    drop = created.drop;
  }
  const db = connect({ databaseUrl, dataDir });
  const { secrets } = await loadOrCreateSecrets(dataDir);
  const target: Target = {
    dialect,
    dataDir,
    databaseUrl,
    db,
    secrets,
    blobs: createBlobStore({ db, dataDir }),
    reloadSecrets: async () => (target.secrets = (await loadOrCreateSecrets(dataDir)).secrets),
    destroy: async () => {
      await db.close().catch(() => undefined);
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return target;
}

/** Every exported table of both databases, row by row, as the export normalises them. */
export async function compareOrganisation(
  source: { db: AnyDb; mfaKey: string },
  target: { db: AnyDb; mfaKey: string },
  orgId: string,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of EXPORT_TABLES) {
    const read = async (side: { db: AnyDb; mfaKey: string }) => {
      const rows: Record<string, unknown>[] = [];
      for await (const row of scopedRows(side.db, table, orgId)) {
        const out: Record<string, unknown> = {};
        const columns = table.resign ? table.resign.compare : Object.keys(row).filter((c) => !table.omit?.includes(c));
        for (const c of columns) {
          const v = row[c];
          const secret = table.secrets?.find((s) => s.column === c);
          out[c] =
            secret && typeof v === "string"
              ? secret.open(side.mfaKey, row, v)
              : v instanceof Uint8Array
                ? Buffer.from(v).toString("base64url")
                : (v ?? null);
        }
        rows.push(out);
      }
      return rows;
    };
    const a = await read(source);
    const b = await read(target);
    expect(b, table.name).toEqual(a);
    counts[table.name] = a.length;
  }
  return counts;
}

export function exportFileIn(dir: string): string {
  return path.join(dir, `org-${crypto.randomBytes(4).toString("hex")}.obhut-export.jsonl`);
}
