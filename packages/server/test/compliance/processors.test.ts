// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ArchiveProcessor,
  CreateProcessor,
  GetAttentionCounts,
  GetProcessingRecord,
  ListProcessors,
  type ProcessingRecordView,
  type ProcessorInput,
  type ProcessorView,
  UpdateProcessor,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

const DAY = 86_400_000;

const hosting: ProcessorInput = {
  name: "Wolke GmbH",
  service: "Server, Speicher und Sicherungen",
  location: "Frankfurt am Main",
  country: "DE",
  thirdCountryTransfer: false,
  safeguard: null,
  contractDate: "2026-01-15",
  reviewDate: "2027-01-15",
  subProcessors: [{ name: "Strom & Kühlung AG", country: "DE" }],
  notes: "Vertrag liegt in der Ablage, Ordner 7.",
};

/**
 * The processor register (Art. 28, ADR 0049): administrators add, change and
 * archive processors, the DPO reads them, the Art. 30 record lists the active
 * ones, a passed review date shows as due (and on the attention list), every
 * change is audited without its notes, and nothing crosses organisations.
 */
describe.each(DIALECTS)("processor register (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let admin: SeededAccount;
  let dpo: SeededAccount;
  let counsellor: SeededAccount;
  let otherAdmin: SeededAccount;
  const clock = manualClock(Date.UTC(2026, 5, 1, 10, 0, 0));
  const as = (a: { cookie: string }) => apiAs(server, a);
  let created: ProcessorView;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    org = await seedOrg(db);
    admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo" });
    counsellor = await seedAccount(db, { orgId: org.orgId, role: "counsellor" });
    const other = await seedOrg(db);
    otherAdmin = await seedAccount(db, { orgId: other.orgId, role: "org_admin" });
  });
  afterAll(async () => server?.stop());

  it("lets an administrator add a processor with its sub-processors; the DPO reads it", async () => {
    const res = await as(admin).call(CreateProcessor, { params: { orgId: org.orgId }, body: hosting });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    created = (res.body as { processor: ProcessorView }).processor;
    expect(created).toMatchObject({ ...hosting, archivedAt: null, reviewDue: false, createdAt: clock.now() });

    const list = await as(dpo).call(ListProcessors, { params: { orgId: org.orgId } });
    expect(list.status).toBe(200);
    expect((list.body as { processors: ProcessorView[] }).processors).toEqual([created]);
  });

  it("refuses a third-country transfer without its safeguard, and input that is not valid", async () => {
    const us = { ...hosting, name: "Mail Inc.", country: "US", thirdCountryTransfer: true };
    const refused = await as(admin).call(CreateProcessor, { params: { orgId: org.orgId }, body: us });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe("processor_safeguard_required");
    const bad = await as(admin).call(CreateProcessor, {
      params: { orgId: org.orgId },
      body: { ...hosting, country: "Germany", reviewDate: "2027-02-30" } as never,
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe("invalid_body");
    const ok = await as(admin).call(CreateProcessor, {
      params: { orgId: org.orgId },
      body: { ...us, safeguard: "scc", subProcessors: [] },
    });
    expect(ok.status).toBe(201);
  });

  it("lets only administrators change the register; the DPO and counsellors may not", async () => {
    const params = { orgId: org.orgId, processorId: created.id };
    expect((await as(dpo).call(CreateProcessor, { params: { orgId: org.orgId }, body: hosting })).status).toBe(403);
    expect((await as(dpo).call(UpdateProcessor, { params, body: hosting })).status).toBe(403);
    expect((await as(dpo).call(ArchiveProcessor, { params })).status).toBe(403);
    expect((await as(counsellor).call(ListProcessors, { params: { orgId: org.orgId } })).status).toBe(403);
  });

  it("keeps organisations apart", async () => {
    const params = { orgId: org.orgId, processorId: created.id };
    expect((await as(otherAdmin).call(ListProcessors, { params: { orgId: org.orgId } })).status).toBe(404);
    expect((await as(otherAdmin).call(UpdateProcessor, { params, body: hosting })).status).toBe(404);
    // Their own organisation's address with our processor's id finds nothing.
    const own = { orgId: otherAdmin.organisationId!, processorId: created.id };
    expect((await as(otherAdmin).call(UpdateProcessor, { params: own, body: hosting })).status).toBe(404);
    expect((await as(otherAdmin).call(ArchiveProcessor, { params: own })).status).toBe(404);
    const theirs = await as(otherAdmin).call(ListProcessors, { params: { orgId: otherAdmin.organisationId! } });
    expect((theirs.body as { processors: ProcessorView[] }).processors).toEqual([]);
  });

  it("marks a processor whose review date has passed as due, also on the attention list", async () => {
    const params = { orgId: org.orgId, processorId: created.id };
    clock.advance(DAY);
    const res = await as(admin).call(UpdateProcessor, { params, body: { ...hosting, reviewDate: "2026-05-31" } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as { processor: ProcessorView }).processor).toMatchObject({
      reviewDate: "2026-05-31",
      reviewDue: true,
      updatedAt: clock.now(),
    });
    // Today (the server's day) is not yet past.
    const today = await as(admin).call(UpdateProcessor, { params, body: { ...hosting, reviewDate: "2026-06-02" } });
    expect((today.body as { processor: ProcessorView }).processor.reviewDue).toBe(false);
    await as(admin).call(UpdateProcessor, { params, body: { ...hosting, reviewDate: "2026-05-31" } });
    const attention = await as(admin).call(GetAttentionCounts, { params: { orgId: org.orgId } });
    expect(attention.body).toMatchObject({ processorReviewsDue: 1 });
  });

  it("lists the active processors in the Art. 30 record", async () => {
    const res = await as(dpo).call(GetProcessingRecord, { params: { orgId: org.orgId } });
    const record = (res.body as { record: ProcessingRecordView }).record;
    expect(record.processors).toEqual([
      {
        name: "Mail Inc.",
        service: hosting.service,
        location: hosting.location,
        country: "US",
        thirdCountrySafeguard: "scc",
        contractDate: "2026-01-15",
        reviewDate: "2027-01-15",
      },
      {
        name: "Wolke GmbH",
        service: hosting.service,
        location: hosting.location,
        country: "DE",
        contractDate: "2026-01-15",
        reviewDate: "2026-05-31",
        subProcessors: [{ name: "Strom & Kühlung AG", country: "DE" }],
      },
    ]);
  });

  it("archives instead of deleting: the entry leaves the record and stays in the register", async () => {
    const params = { orgId: org.orgId, processorId: created.id };
    const res = await as(admin).call(ArchiveProcessor, { params });
    expect(res.status).toBe(200);
    expect((res.body as { processor: ProcessorView }).processor).toMatchObject({
      archivedAt: clock.now(),
      reviewDue: false,
    });
    expect(errorOf(await as(admin).call(ArchiveProcessor, { params })).code).toBe("processor_archived");
    const edit = await as(admin).call(UpdateProcessor, { params, body: hosting });
    expect(edit.status).toBe(409);
    expect(errorOf(edit).code).toBe("processor_archived");

    const list = (await as(dpo).call(ListProcessors, { params: { orgId: org.orgId } })).body as {
      processors: ProcessorView[];
    };
    expect(list.processors.map((p) => [p.name, p.archivedAt !== null])).toEqual([
      ["Mail Inc.", false],
      ["Wolke GmbH", true],
    ]);
    const record = (
      (await as(dpo).call(GetProcessingRecord, { params: { orgId: org.orgId } })).body as {
        record: ProcessingRecordView;
      }
    ).record;
    expect(record.processors.map((p) => p.name)).toEqual(["Mail Inc."]);
    const attention = await as(admin).call(GetAttentionCounts, { params: { orgId: org.orgId } });
    expect(attention.body).toMatchObject({ processorReviewsDue: 0 });
  });

  it("audits every change with the changed fields, never the notes", async () => {
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id", "target_id", "data"])
      .where("organisation_id", "=", org.orgId)
      .where("action", "like", "processor.%")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      "processor.create",
      "processor.create",
      "processor.update",
      "processor.update",
      "processor.update",
      "processor.archive",
    ]);
    expect(rows.every((r) => r.actor_id === admin.id)).toBe(true);
    expect(JSON.parse(rows[2]!.data)).toMatchObject({ fields: "reviewDate", reviewDate: "2026-05-31" });
    expect(rows[5]!.target_id).toBe(created.id);
    for (const r of rows) expect(r.data).not.toContain("Ordner 7");
  });
});

describe.each(DIALECTS)("processor register seeded from OBHUT_PROCESSORS (%s)", (dialect) => {
  let server: TestServer;
  const clock = manualClock(Date.UTC(2026, 5, 1, 10, 0, 0));
  const seed = [{ name: "Rechenzentrum GmbH", service: "Server und Sicherungen", location: "Frankfurt am Main, DE" }];

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock, env: { OBHUT_PROCESSORS: JSON.stringify(seed) } });
  });
  afterAll(async () => server?.stop());

  it("seeds each organisation's empty register once; archiving everything does not bring it back", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    const admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    const as = apiAs(server, admin);
    const list = async () =>
      ((await as.call(ListProcessors, { params: { orgId: org.orgId } })).body as { processors: ProcessorView[] })
        .processors;
    const [seeded] = await list();
    expect(seeded).toMatchObject({ ...seed[0], country: null, thirdCountryTransfer: false, archivedAt: null });
    expect(await list()).toHaveLength(1);

    expect((await as.call(ArchiveProcessor, { params: { orgId: org.orgId, processorId: seeded!.id } })).status).toBe(
      200,
    );
    const after = await list();
    expect(after.map((p) => p.archivedAt !== null)).toEqual([true]);
    const record = (
      (await as.call(GetProcessingRecord, { params: { orgId: org.orgId } })).body as { record: ProcessingRecordView }
    ).record;
    expect(record.processors).toEqual([]);
    const audit = await db
      .selectFrom("audit_events")
      .select(["action", "actor_id"])
      .where("organisation_id", "=", org.orgId)
      .where("action", "=", "processor.seed")
      .execute();
    expect(audit).toEqual([{ action: "processor.seed", actor_id: null }]);
  });

  it("seeds an organisation first read through its Art. 30 record", async () => {
    const db = server.ctx.db.db;
    const org = await seedOrg(db);
    const dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo" });
    const res = await apiAs(server, dpo).call(GetProcessingRecord, { params: { orgId: org.orgId } });
    expect((res.body as { record: ProcessingRecordView }).record.processors).toEqual(seed);
    expect(
      await db.selectFrom("processors").select("id").where("organisation_id", "=", org.orgId).execute(),
    ).toHaveLength(1);
  });
});
