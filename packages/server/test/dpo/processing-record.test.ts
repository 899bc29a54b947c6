// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import {
  GetProcessingRecord,
  GetProcessingRecordVersion,
  type ProcessingRecordVersionView,
  type ProcessingRecordView,
  StoreProcessingRecord,
  UpdateRetentionRules,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/modules/dpo/processing-record";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

type Answer = { record: ProcessingRecordView; versions: ProcessingRecordVersionView[] };

/**
 * The record of processing activities (Art. 30) is generated from the live
 * configuration — retention periods, second-factor rules, hosting location
 * and processors from the environment — and stored as hashed versions; it
 * cannot be stored while a required field is empty.
 */
describe.each(DIALECTS)("record of processing activities (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let dpo: SeededAccount;
  let admin: SeededAccount;
  let counsellor: SeededAccount;
  const clock = manualClock(Date.UTC(2026, 3, 1, 10, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  const contacts = {
    controllerContact: "Träger e. V., Hauptstr. 1, 10115 Berlin",
    dpoContact: "datenschutz@traeger.example",
  };

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock,
      env: {
        OBHUT_PROCESSORS: JSON.stringify([
          { name: "Rechenzentrum GmbH", service: "Server und Sicherungen", location: "Frankfurt am Main, DE" },
        ]),
      },
    });
    const db = server.ctx.db.db;
    org = await seedOrg(db);
    dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo" });
    admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    counsellor = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
  });
  afterAll(async () => server?.stop());

  it("is generated from the live configuration", async () => {
    expect(
      (
        await as(admin).call(UpdateRetentionRules, {
          params: { orgId: org.orgId },
          body: {
            rules: [{ dataClass: "messages", periodDays: 400 }],
          },
        })
      ).status,
    ).toBe(200);
    const res = await as(dpo).call(GetProcessingRecord, { params: { orgId: org.orgId } });
    expect(res.status).toBe(200);
    const { record, versions } = res.body as Answer;
    expect(versions).toEqual([]);
    expect(record.organisation).toEqual({ id: org.orgId, name: "Träger" });
    expect(record.retention).toContainEqual({
      dataClass: "messages",
      startEvent: "message_sent",
      periodDays: 400,
      enforced: true,
    });
    expect(record.retention.map((r) => r.dataClass)).toContain("inactive_client_accounts");
    expect(record.processors).toEqual([
      { name: "Rechenzentrum GmbH", service: "Server und Sicherungen", location: "Frankfurt am Main, DE" },
    ]);
    expect(record.crypto.map((c) => c.suite).join(" ")).toContain("AES-256-GCM");
    expect(record.activities.map((a) => a.id)).toEqual(
      expect.arrayContaining(["online_counselling", "staff_accounts", "audit_log"]),
    );
    // Both languages, and the live second-factor rule in the TOM status.
    for (const m of record.measures) expect(m.title.de && m.title.en && m.status.de && m.status.en).toBeTruthy();
    expect(record.measures.find((m) => m.id === "second_factor")!.status.en).toContain("Required for: counsellor");
    expect(record.hostingLocation).toBeNull();
    expect(record.missing).toEqual(["controllerContact", "dpoContact", "hostingLocation"]);
  });

  it("cannot be stored while a required field is empty", async () => {
    const res = await as(dpo).call(StoreProcessingRecord, { params: { orgId: org.orgId }, body: contacts });
    expect(res.status).toBe(409);
    expect(errorOf(res)).toMatchObject({
      code: "record_incomplete",
    });
    expect(errorOf(res).message).toContain("hostingLocation");
    expect(await server.ctx.db.db.selectFrom("processing_records").select("id").execute()).toEqual([]);
  });

  it("stores numbered versions with their hash and time, and returns each exactly", async () => {
    server.ctx.config.hostingLocation = "Frankfurt am Main, Deutschland (EU)";
    const first = await as(dpo).call(StoreProcessingRecord, { params: { orgId: org.orgId }, body: contacts });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const v1 = first.body as { version: ProcessingRecordVersionView; record: ProcessingRecordView };
    expect(v1.version).toMatchObject({ version: 1, createdAt: clock.now(), createdBy: dpo.id });
    expect(v1.record.missing).toEqual([]);
    expect(v1.version.sha256).toBe(crypto.createHash("sha256").update(canonicalJson(v1.record)).digest("hex"));

    clock.advance(86_400_000);
    await as(admin).call(UpdateRetentionRules, {
      params: { orgId: org.orgId },
      body: {
        rules: [{ dataClass: "messages", periodDays: 500 }],
      },
    });
    const second = (await as(dpo).call(StoreProcessingRecord, { params: { orgId: org.orgId }, body: contacts }))
      .body as typeof v1;
    expect(second.version.version).toBe(2);
    expect(second.version.sha256).not.toBe(v1.version.sha256);

    // What was valid then: version 1 still says 400 days.
    const old = (await as(admin).call(GetProcessingRecordVersion, { params: { orgId: org.orgId, version: "1" } }))
      .body as typeof v1;
    expect(old).toEqual(v1);
    expect(old.record.retention.find((r) => r.dataClass === "messages")!.periodDays).toBe(400);
    const now = (await as(dpo).call(GetProcessingRecord, { params: { orgId: org.orgId } })).body as Answer;
    expect(now.versions.map((v) => v.version)).toEqual([2, 1]);
    // Contacts carry over from the latest version.
    expect(now.record.missing).toEqual([]);
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select("data")
      .where("action", "=", "processing_record.stored")
      .execute();
    expect(audit).toHaveLength(2);
    expect(
      (await as(dpo).call(GetProcessingRecordVersion, { params: { orgId: org.orgId, version: "3" } })).status,
    ).toBe(404);
  });

  it("is read by the DPO and admins, stored by the DPO only", async () => {
    expect((await as(admin).call(StoreProcessingRecord, { params: { orgId: org.orgId }, body: contacts })).status).toBe(
      403,
    );
    expect((await as(counsellor).call(GetProcessingRecord, { params: { orgId: org.orgId } })).status).toBe(403);
  });
});
