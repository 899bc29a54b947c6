// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  GetLegalHold,
  GetRetentionRules,
  ListLegalHolds,
  ReleaseLegalHold,
  SetLegalHold,
  UpdateRetentionRules,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../../src/infra/blobs";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { verifyAuditLog } from "../../src/modules/dpo/audit-verify";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { runRetention, type RetentionContext } from "../../src/modules/retention/run";
import { DAY_MS } from "../../src/modules/retention/rules";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { api } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { injectSend, manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedOrganisation } from "../messaging/support";

const YEAR = 365 * DAY_MS;
const rid = (prefix: string) => `${prefix}-${crypto.randomBytes(8).toString("hex")}`;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

interface SeededCase {
  caseId: string;
  conversationId: string;
  notesId: string;
  attachmentId: string;
}

describe.each(DIALECTS)("retention and deletion (%s)", (dialect) => {
  const clock = manualClock();
  const T0 = clock.now();
  let server: TestServer;
  let org: string;
  let teamId: string;
  let agencyId: string;
  let topicId: string;
  let lead: SeededAccount;
  let counsellor: SeededAccount;
  let admin: SeededAccount;
  let dpo: SeededAccount;
  let client: SeededAccount;
  let expired: SeededCase;
  let held: SeededCase;
  let open: SeededCase;

  const db = () => server.ctx.db.db;
  /** Requests as the account; its session is renewed first because the tests jump years ahead. */
  const as = (a: SeededAccount) => {
    const send = injectSend(server, { cookie: () => a.cookie });
    return api(async (method, url, body, headers) => {
      const now = clock.now();
      await db()
        .updateTable("sessions")
        .set({ created_at: now, last_seen_at: now, expires_at: now + 3600_000 })
        .where("account_id", "=", a.id)
        .execute();
      return send(method, url, body, headers);
    });
  };
  const rctx = (blobs?: BlobStore): RetentionContext => ({
    db: server.ctx.db,
    blobs: blobs ?? server.ctx.blobs,
    logger: server.ctx.logger,
    auditAnchorKey: server.ctx.secrets.auditAnchorKey,
  });

  async function setRole(a: SeededAccount, role: string) {
    await db().updateTable("accounts").set({ role }).where("id", "=", a.id).execute();
  }

  async function seedCase(props: { clientId: string; state: "closed" | "active"; closedAt: number | null }) {
    const now = T0;
    const c: SeededCase = {
      caseId: rid("case"),
      conversationId: rid("cv"),
      notesId: rid("cv"),
      attachmentId: rid("att"),
    };
    const d = db();
    await d
      .insertInto("conversations")
      .values([
        { id: c.conversationId, organisation_id: org, kind: "case", created_by: props.clientId, created_at: now },
        { id: c.notesId, organisation_id: org, kind: "notes", created_by: counsellor.id, created_at: now },
      ])
      .execute();
    await d
      .insertInto("conversation_members")
      .values([
        { conversation_id: c.conversationId, account_id: props.clientId, role: "owner", joined_at: now, left_at: null },
        { conversation_id: c.conversationId, account_id: counsellor.id, role: "member", joined_at: now, left_at: null },
        { conversation_id: c.notesId, account_id: counsellor.id, role: "member", joined_at: now, left_at: null },
      ])
      .execute();
    const record = new Uint8Array(crypto.randomBytes(64));
    await d
      .insertInto("conversation_epochs")
      .values([
        { conversation_id: c.conversationId, epoch: 1, record, created_by: props.clientId, created_at: now },
        { conversation_id: c.notesId, epoch: 1, record, created_by: counsellor.id, created_at: now },
      ])
      .execute();
    const wrap = new Uint8Array(crypto.randomBytes(80));
    await d
      .insertInto("epoch_key_wraps")
      .values([
        { conversation_id: c.conversationId, epoch: 1, recipient_account_id: props.clientId, wrap, created_at: now },
        { conversation_id: c.conversationId, epoch: 1, recipient_account_id: counsellor.id, wrap, created_at: now },
        { conversation_id: c.notesId, epoch: 1, recipient_account_id: counsellor.id, wrap, created_at: now },
      ])
      .execute();
    await d
      .insertInto("epoch_team_wraps")
      .values([
        {
          conversation_id: c.conversationId,
          epoch: 1,
          role: "team",
          ref_id: teamId,
          generation: 1,
          wrap,
          created_at: now,
        },
        {
          conversation_id: c.conversationId,
          epoch: 1,
          role: "archive",
          ref_id: org,
          generation: 1,
          wrap,
          created_at: now,
        },
        { conversation_id: c.notesId, epoch: 1, role: "team", ref_id: teamId, generation: 1, wrap, created_at: now },
      ])
      .execute();
    const message = (conversationId: string, seq: number, senderId: string) => ({
      conversation_id: conversationId,
      seq,
      id: rid("msg"),
      sender_id: senderId,
      client_msg_id: rid("cm"),
      envelope: new Uint8Array(crypto.randomBytes(200)),
      size: 200,
      kind: "message" as const,
      replaces_id: null,
      created_at: now,
    });
    await d
      .insertInto("messages")
      .values([
        message(c.conversationId, 1, props.clientId),
        message(c.conversationId, 2, counsellor.id),
        message(c.notesId, 1, counsellor.id),
      ])
      .execute();
    const bytes = crypto.randomBytes(5000);
    await server.ctx.blobs.put(c.attachmentId, bytes);
    await d
      .insertInto("attachments")
      .values({
        id: c.attachmentId,
        conversation_id: c.conversationId,
        uploader_id: props.clientId,
        size: bytes.length,
        chunk_size: 1024 * 1024,
        chunk_count: 1,
        created_at: now,
        completed_at: now,
      })
      .execute();
    await d
      .insertInto("cases")
      .values({
        id: c.caseId,
        organisation_id: org,
        conversation_id: c.conversationId,
        notes_conversation_id: c.notesId,
        agency_id: agencyId,
        topic_id: topicId,
        team_id: teamId,
        client_id: props.clientId,
        assignee_id: counsellor.id,
        preferred_counsellor_id: null,
        state: props.state,
        created_at: now,
        accepted_at: now,
        closed_at: props.closedAt,
        archived_at: null,
        waiting_since: null,
        greeting_sent_at: null,
      })
      .execute();
    await d
      .insertInto("case_events")
      .values({
        id: rid("ev"),
        case_id: c.caseId,
        type: "opened",
        actor_id: props.clientId,
        assignee_id: null,
        team_id: teamId,
        text: null,
        created_at: now,
      })
      .execute();
    // An admin's archive-access request (ADR 0032): its reason belongs to the case and goes with it.
    await d
      .insertInto("archive_access_requests")
      .values({
        id: rid("aa"),
        organisation_id: org,
        case_id: c.caseId,
        team_id: teamId,
        conversation_id: c.conversationId,
        requested_by: counsellor.id,
        reason: "Team aufgelöst, Auskunftsersuchen der Klientin",
        requested_at: now,
        decision: null,
        decided_by: null,
        decided_at: null,
        expires_at: null,
      })
      .execute();
    return c;
  }

  /** Every row that belongs to the case, by table. */
  async function rowsOf(c: SeededCase): Promise<Record<string, number>> {
    const convs = [c.conversationId, c.notesId];
    const count = async (table: string, column: string, ids: string[]) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generic row counter over several tables
      const rows = await (db() as any).selectFrom(table).select(column).where(column, "in", ids).execute();
      return (rows as unknown[]).length;
    };
    return {
      cases: await count("cases", "id", [c.caseId]),
      case_events: await count("case_events", "case_id", [c.caseId]),
      archive_access_requests: await count("archive_access_requests", "case_id", [c.caseId]),
      conversations: await count("conversations", "id", convs),
      conversation_members: await count("conversation_members", "conversation_id", convs),
      messages: await count("messages", "conversation_id", convs),
      conversation_epochs: await count("conversation_epochs", "conversation_id", convs),
      epoch_key_wraps: await count("epoch_key_wraps", "conversation_id", convs),
      epoch_team_wraps: await count("epoch_team_wraps", "conversation_id", convs),
      attachments: await count("attachments", "id", [c.attachmentId]),
    };
  }

  const FULL = {
    cases: 1,
    case_events: 1,
    archive_access_requests: 1,
    conversations: 2,
    conversation_members: 3,
    messages: 3,
    conversation_epochs: 2,
    epoch_key_wraps: 3,
    epoch_team_wraps: 3,
    attachments: 1,
  };
  const GONE = Object.fromEntries(Object.keys(FULL).map((k) => [k, 0]));

  /** The blob is gone from the store itself: no file on disk (fs) / no row in the blobs table (PostgreSQL). */
  async function blobExists(id: string): Promise<boolean> {
    const viaStore = (await server.ctx.blobs.size(id)) !== null;
    if (dialect === "postgres") {
      const rows = await db().selectFrom("blobs").select("id").where("id", "=", id).execute();
      expect(rows.length > 0).toBe(viaStore);
    } else {
      const onDisk = filesUnder(server.dataDir).some((f) => path.basename(f).startsWith(id));
      expect(onDisk).toBe(viaStore);
    }
    return viaStore;
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const d = db();
    org = await seedOrganisation(d, T0);
    lead = await seedAccount(d, { orgId: org, now: T0 });
    counsellor = await seedAccount(d, { orgId: org, now: T0 });
    admin = await seedAccount(d, { orgId: org, now: T0 });
    dpo = await seedAccount(d, { orgId: org, now: T0 });
    client = await seedAccount(d, { orgId: null, kind: "client", now: T0 });
    await setRole(lead, "counsellor");
    await setRole(counsellor, "counsellor");
    await setRole(admin, "org_admin");
    await setRole(dpo, "dpo");
    agencyId = rid("agy");
    topicId = rid("top");
    teamId = rid("team");
    await d
      .insertInto("agencies")
      .values({
        id: agencyId,
        organisation_id: org,
        name: "Beratungsstelle",
        address: null,
        postcodes: "[]",
        languages: '["de"]',
        opening_hours: null,
        online_anywhere: 1,
        created_at: T0,
      })
      .execute();
    await d
      .insertInto("topics")
      .values({
        id: topicId,
        organisation_id: org,
        slug: "familie",
        name: "Familie",
        address_form: "formal",
        created_at: T0,
      })
      .execute();
    await d
      .insertInto("teams")
      .values({ id: teamId, organisation_id: org, agency_id: agencyId, name: "Team", is_intake: 1, created_at: T0 })
      .execute();
    await d
      .insertInto("team_members")
      .values([
        { team_id: teamId, account_id: lead.id, role: "lead", added_at: T0 },
        { team_id: teamId, account_id: counsellor.id, role: "member", added_at: T0 },
      ])
      .execute();
    expired = await seedCase({ clientId: client.id, state: "closed", closedAt: T0 });
    held = await seedCase({ clientId: client.id, state: "closed", closedAt: T0 });
    open = await seedCase({ clientId: client.id, state: "active", closedAt: null });
  });
  afterAll(async () => server?.stop());

  it("admins and the DPO read the rules; only admins change them, within bounds, audited", async () => {
    const params = { orgId: org };
    const read = await as(dpo).call(GetRetentionRules, { params });
    expect(read.status).toBe(200);
    const rules = read.body.rules;
    expect(rules.find((r) => r.dataClass === "closed_cases")).toMatchObject({
      periodDays: 1095,
      startEvent: "case_closed",
    });
    expect(rules.map((r) => r.dataClass)).not.toContain("inactive_client_accounts");
    expect((await as(counsellor).call(GetRetentionRules, { params })).status).toBe(403);
    const rulesInput = (dataClass: "messages" | "closed_cases", periodDays: number) => ({
      params,
      body: { rules: [{ dataClass, periodDays }] },
    });
    expect((await as(dpo).call(UpdateRetentionRules, rulesInput("messages", 90))).status).toBe(403);
    expect((await as(admin).call(UpdateRetentionRules, rulesInput("closed_cases", 3))).status).toBe(400);
    const changed = await as(admin).call(UpdateRetentionRules, rulesInput("messages", 90));
    expect(changed.status).toBe(200);
    expect(changed.body.rules.find((r) => r.dataClass === "messages")).toMatchObject({ periodDays: 90 });
    const audit = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "retention.rules_updated")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ organisation_id: org, actor_id: admin.id });
    expect(JSON.parse(audit.data)).toMatchObject({ messages: 90 });
    // Other organisations' rules do not exist for this admin.
    const other = await seedOrganisation(db(), T0);
    expect((await as(admin).call(GetRetentionRules, { params: { orgId: other } })).status).toBe(404);
  });

  it("team lead, admin and DPO set and release legal holds with a reason; a plain counsellor may not", async () => {
    const params = { caseId: held.caseId };
    expect(
      (await as(counsellor).call(SetLegalHold, { params, body: { reason: "Gerichtsverfahren 3 O 12/26" } })).status,
    ).toBe(403);
    // No reason at all: not a body the typed client can send.
    expect((await as(lead).callRaw("PUT", `/api/cases/${held.caseId}/legal-hold`, {})).status).toBe(400);
    expect(
      (await as(lead).call(SetLegalHold, { params: { caseId: rid("case") }, body: { reason: "xyz" } })).status,
    ).toBe(404);
    expect(await as(lead).call(GetLegalHold, { params })).toMatchObject({ status: 200, body: { hold: null } });
    expect((await as(counsellor).call(GetLegalHold, { params })).status).toBe(403);
    const set = await as(lead).call(SetLegalHold, { params, body: { reason: "Gerichtsverfahren 3 O 12/26" } });
    expect(set).toMatchObject({ status: 200, body: { hold: { caseId: held.caseId, setBy: lead.id } } });
    expect(await as(lead).call(GetLegalHold, { params })).toMatchObject({
      status: 200,
      body: { hold: { caseId: held.caseId, reason: "Gerichtsverfahren 3 O 12/26" } },
    });
    expect((await as(admin).call(ReleaseLegalHold, { params })).status).toBe(204);
    expect(await as(dpo).call(GetLegalHold, { params })).toMatchObject({ status: 200, body: { hold: null } });
    expect((await as(admin).call(ReleaseLegalHold, { params })).status).toBe(404);
    expect(
      (await as(dpo).call(SetLegalHold, { params, body: { reason: "Auskunftsersuchen Staatsanwaltschaft" } })).status,
    ).toBe(200);
    const holds = await as(dpo).call(ListLegalHolds, { params: { orgId: org } });
    expect(holds).toMatchObject({
      status: 200,
      body: { holds: [{ caseId: held.caseId, reason: "Auskunftsersuchen Staatsanwaltschaft" }] },
    });
    const actions = (
      await db()
        .selectFrom("audit_events")
        .select(["action", "data"])
        .where("target_id", "=", held.caseId)
        .orderBy("id")
        .execute()
    ).map((e) => e.action);
    expect(actions).toEqual(["case.legal_hold_set", "case.legal_hold_released", "case.legal_hold_set"]);
    // The audit log records the fact, not the reason.
    const text = JSON.stringify(await db().selectFrom("audit_events").select("data").execute());
    expect(text).not.toContain("Staatsanwaltschaft");
  });

  it("before the period ends nothing goes", async () => {
    clock.set(T0 + 3 * YEAR - DAY_MS);
    const report = await runRetention(rctx(), { now: clock.now(), dryRun: true, via: "cli" });
    expect(report.totals.closed_cases ?? 0).toBe(0);
  });

  it("a dry run lists what would go and deletes nothing", async () => {
    clock.set(T0 + 3 * YEAR + 2 * DAY_MS);
    const auditBefore = await db().selectFrom("audit_events").select("id").execute();
    const report = await runRetention(rctx(), { now: clock.now(), dryRun: true, via: "cli" });
    const orgReport = report.scopes.find((s) => s.scope === org)!;
    expect(orgReport.counts).toMatchObject({ closed_cases: 1, held_cases_kept: 1 });
    expect(orgReport.ids.closed_cases).toEqual([expired.caseId]);
    expect(await rowsOf(expired)).toEqual(FULL);
    expect(await blobExists(expired.attachmentId)).toBe(true);
    expect((await db().selectFrom("audit_events").select("id").execute()).length).toBe(auditBefore.length);
  });

  it("the run deletes the case with its rows, key wraps and blobs; held and open cases stay; the run is audited", async () => {
    const report = await runRetention(rctx(), { now: clock.now(), via: "job" });
    expect(report.interrupted).toBe(false);
    expect(report.scopes.find((s) => s.scope === org)!.counts).toMatchObject({ closed_cases: 1, held_cases_kept: 1 });
    expect(await rowsOf(expired)).toEqual(GONE);
    expect(await blobExists(expired.attachmentId)).toBe(false);
    expect(await db().selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);
    expect(await rowsOf(held)).toEqual(FULL);
    expect(await blobExists(held.attachmentId)).toBe(true);
    expect(await rowsOf(open)).toEqual(FULL);

    const events = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "in", ["case.deleted", "retention.run"])
      .where("organisation_id", "=", org)
      .orderBy("id")
      .execute();
    expect(events.map((e) => [e.action, e.target_id])).toEqual([
      ["case.deleted", expired.caseId],
      ["retention.run", org],
    ]);
    expect(JSON.parse(events[0]!.data)).toEqual({
      reason: "retention",
      messages: 2,
      notes: 1,
      attachments: 1,
      keyWraps: 6,
    });
    expect(JSON.parse(events[1]!.data)).toMatchObject({ via: "job", closed_cases: 1, held_cases_kept: 1 });
    const reports = await verifyAuditLog(db(), { anchorPublicKey: server.ctx.secrets.auditAnchorKey.x });
    expect(reports.every((r) => r.ok)).toBe(true);
  });

  it("running again is idempotent", async () => {
    const report = await runRetention(rctx(), { now: clock.now(), via: "cli" });
    expect(report.totals.closed_cases).toBe(0);
    expect(await rowsOf(held)).toEqual(FULL);
    expect(await rowsOf(open)).toEqual(FULL);
  });

  it("a released hold lets the case go on the next run", async () => {
    expect((await as(admin).call(ReleaseLegalHold, { params: { caseId: held.caseId } })).status).toBe(204);
    const report = await runRetention(rctx(), { now: clock.now(), via: "cli" });
    expect(report.totals.closed_cases).toBe(1);
    expect(await rowsOf(held)).toEqual(GONE);
    expect(await blobExists(held.attachmentId)).toBe(false);
    // The hold history goes with the case.
    expect(await db().selectFrom("legal_holds").selectAll().where("case_id", "=", held.caseId).execute()).toEqual([]);
  });

  it("a run that fails half-way is finished by the next one", async () => {
    const t = clock.now();
    clock.set(T0);
    const a = await seedCase({ clientId: client.id, state: "closed", closedAt: T0 });
    const b = await seedCase({ clientId: client.id, state: "closed", closedAt: T0 });
    clock.set(t);
    // The blob store fails on its first delete: the rows are gone (and the keys with them), the blobs not yet.
    let calls = 0;
    const flaky: BlobStore = {
      ...server.ctx.blobs,
      delete: async (id) => {
        calls++;
        if (calls === 1) throw new Error("disk went away");
        return server.ctx.blobs.delete(id);
      },
    };
    await expect(runRetention(rctx(flaky), { now: clock.now(), via: "job" })).rejects.toThrow("disk went away");
    expect(await rowsOf(a)).toEqual(GONE);
    expect(await rowsOf(b)).toEqual(GONE);
    const pending = (await db().selectFrom("pending_blob_deletions").select("blob_id").execute()).map((r) => r.blob_id);
    expect(pending.sort()).toEqual([a.attachmentId, b.attachmentId].sort());
    expect(await blobExists(a.attachmentId)).toBe(true);

    // An abort between objects: whole objects only, the rest next time.
    const c = await (async () => {
      clock.set(T0);
      const seeded = await seedCase({ clientId: client.id, state: "closed", closedAt: T0 });
      clock.set(t);
      return seeded;
    })();
    const abort = new AbortController();
    abort.abort();
    const stopped = await runRetention(rctx(), { now: clock.now(), via: "job", signal: abort.signal });
    expect(stopped.interrupted).toBe(true);
    expect(await rowsOf(c)).toEqual(FULL);

    const again = await runRetention(rctx(), { now: clock.now(), via: "job" });
    expect(again.interrupted).toBe(false);
    expect(again.totals.closed_cases).toBe(1);
    expect(again.blobsDeleted).toBe(3);
    for (const s of [a, b, c]) expect(await blobExists(s.attachmentId)).toBe(false);
    expect(await rowsOf(c)).toEqual(GONE);
    expect(await db().selectFrom("pending_blob_deletions").selectAll().execute()).toEqual([]);
  });

  it("inactive anonymous accounts go with their sessions, keys and login record once nothing names them", async () => {
    // The client's only remaining case is open: the account stays although inactive.
    const stays = await runRetention(rctx(), { now: clock.now(), via: "cli" });
    expect(stays.totals.inactive_client_accounts).toBe(0);
    const idle = await seedAccount(db(), { orgId: null, kind: "client", now: T0 });
    await db().updateTable("accounts").set({ last_login_at: T0 }).where("id", "=", idle.id).execute();
    const recent = await seedAccount(db(), { orgId: null, kind: "client", now: T0 });
    await db()
      .updateTable("accounts")
      .set({ last_login_at: clock.now() - 30 * DAY_MS })
      .where("id", "=", recent.id)
      .execute();
    const dry = await runRetention(rctx(), { now: clock.now(), via: "cli", dryRun: true });
    expect(dry.scopes.find((s) => s.scope === "instance")!.ids.inactive_client_accounts).toEqual([idle.id]);
    await runRetention(rctx(), { now: clock.now(), via: "job" });
    expect(await db().selectFrom("accounts").select("id").where("id", "=", idle.id).execute()).toEqual([]);
    expect(await db().selectFrom("sessions").select("id").where("account_id", "=", idle.id).execute()).toEqual([]);
    expect(
      await db().selectFrom("accounts").select("id").where("id", "in", [recent.id, client.id]).execute(),
    ).toHaveLength(2);
    const event = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "account.deleted")
      .where("target_id", "=", idle.id)
      .executeTakeFirstOrThrow();
    expect(event.chain).toBe("instance");
    expect(JSON.parse(event.data)).toEqual({ reason: "retention", kind: "client" });
  });

  it("deactivated staff accounts become tombstones without login, private keys or name", async () => {
    const gone = await seedAccount(db(), { orgId: org, now: T0 });
    await db()
      .updateTable("accounts")
      .set({ disabled_at: clock.now() - 181 * DAY_MS, role: "counsellor" })
      .where("id", "=", gone.id)
      .execute();
    await runRetention(rctx(), { now: clock.now(), orgId: org, via: "cli" });
    const row = await db().selectFrom("accounts").selectAll().where("id", "=", gone.id).executeTakeFirstOrThrow();
    expect(row.username).toBe(`deleted-${gone.id}`);
    expect(row.opaque_record).toBe("");
    expect(Object.keys(JSON.parse(row.key_bundle) as object).sort()).toEqual([
      "encryptionPublicKey",
      "signingPublicKey",
      "version",
    ]);
    expect(await db().selectFrom("sessions").select("id").where("account_id", "=", gone.id).execute()).toEqual([]);
  });

  it("old audit entries are pruned behind a signed prune point that verification checks", async () => {
    const before = await db().selectFrom("audit_events").select("id").where("chain", "=", org).execute();
    expect(before.length).toBeGreaterThan(5);
    clock.set(T0 + 7 * YEAR);
    // Keep the open case's audit trail out of it: its case is not held, so old entries may go.
    const report = await runRetention(rctx(), { now: clock.now(), orgId: org, via: "job" });
    expect(report.totals.audit_entries).toBeGreaterThan(0);
    const after = await db().selectFrom("audit_events").select("seq").where("chain", "=", org).orderBy("seq").execute();
    const prune = await db().selectFrom("audit_prunes").selectAll().where("chain", "=", org).executeTakeFirstOrThrow();
    expect(Number(after[0]!.seq)).toBe(Number(prune.seq) + 1);
    const key = server.ctx.secrets.auditAnchorKey.x;
    expect((await verifyAuditLog(db(), { chains: [org], anchorPublicKey: key }))[0]!.ok).toBe(true);

    // Moving the prune point forward by hand (to hide more) breaks verification.
    await db()
      .updateTable("audit_prunes")
      .set({ seq: Number(prune.seq) + 1 })
      .where("chain", "=", org)
      .execute();
    expect((await verifyAuditLog(db(), { chains: [org], anchorPublicKey: key }))[0]!.ok).toBe(false);
    await db().updateTable("audit_prunes").set({ seq: prune.seq }).where("chain", "=", org).execute();
    expect((await verifyAuditLog(db(), { chains: [org], anchorPublicKey: key }))[0]!.ok).toBe(true);
  });

  it("the daily scheduled job runs it and keeps counts only", async () => {
    clock.set(T0 + 8 * YEAR);
    const scheduler = createScheduler({ db: db(), nodeId: "retention-test", clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
    const run = await db()
      .selectFrom("job_runs")
      .selectAll()
      .where("job", "=", "retention")
      .orderBy("started_at", "desc")
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("succeeded");
    const result = JSON.parse(run.result!) as { counts: Record<string, number> };
    expect(result.counts).toMatchObject({ closed_cases: 0 });
    expect(run.result).not.toContain(open.caseId);
    expect(server.logText()).toContain('"msg":"retention run"');
  });
});
