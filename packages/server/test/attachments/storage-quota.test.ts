// SPDX-License-Identifier: AGPL-3.0-or-later
import { ATTACHMENT_LIMITS, CreateAttachment, DeleteAttachment, GetAttachmentPolicy } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseByteSize } from "../../src/infra/config/config";
import { createConversation } from "../../src/modules/messaging/conversations";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedOrganisation } from "../messaging/support";

/**
 * Issue #13 (11): attachment storage has three caps — per account (small for
 * clients), per organisation (`--org-storage-cap`) and per instance
 * (`--instance-storage-cap`) — refused as `quota_exceeded` with the scope;
 * admins get one audit event per crossing of 80 % and 100 % of the
 * organisation's cap; parallel reservations never overshoot any cap.
 */
const MiB = 1024 * 1024;
const MAX = ATTACHMENT_LIMITS.maxBytes;

describe("storage sizes in the configuration", () => {
  it("reads bytes, units and off", () => {
    expect(parseByteSize("1048576")).toBe(MiB);
    expect(parseByteSize("500MiB")).toBe(500 * MiB);
    expect(parseByteSize("1.5 GB")).toBe(1_500_000_000);
    expect(parseByteSize("20gib")).toBe(20 * 1024 * MiB);
    expect(parseByteSize("off")).toBe("off");
    for (const bad of ["", "0", "-5", "12 apples", "1e9", "MiB"]) expect(parseByteSize(bad), bad).toBeUndefined();
  });

  it("defaults to 20 GiB per organisation and no instance cap", () => {
    const config = loadConfig({}, {}, "/tmp");
    expect(config.orgStorageCap).toBe(20 * 1024 * MiB);
    expect(config.instanceStorageCap).toBeUndefined();
    const set = loadConfig({}, { OBHUT_ORG_STORAGE_CAP: "off", OBHUT_INSTANCE_STORAGE_CAP: "2TiB" }, "/tmp");
    expect(set.orgStorageCap).toBeUndefined();
    expect(set.instanceStorageCap).toBe(2 * 1024 ** 4);
    expect(() => loadConfig({ orgStorageCap: "lots" }, {}, "/tmp")).toThrow(ConfigError);
  });
});

describe.each(DIALECTS)("attachment storage caps (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let orgA: string;
  let orgB: string;
  const staffA: SeededAccount[] = [];
  let staffB: SeededAccount;
  let client: SeededAccount;
  let convA: string;
  let convB: string;

  const as = (a: SeededAccount) => apiAs(server, a);
  const reserve = async (a: SeededAccount, conversationId: string, size: number) => {
    const res = await as(a).call(CreateAttachment, { body: { conversationId, size } });
    return {
      status: res.status,
      id: res.status === 201 ? res.body.attachmentId : undefined,
      error: res.status === 201 ? undefined : errorOf(res),
    };
  };
  const accepted = async (a: SeededAccount, conversationId: string, size: number): Promise<string> => {
    const res = await reserve(a, conversationId, size);
    expect(res.status, JSON.stringify(res.error)).toBe(201);
    return res.id!;
  };
  const alerts = async (orgId: string) =>
    (
      await server.ctx.db.db
        .selectFrom("audit_events")
        .select(["actor_id", "target_id", "data"])
        .where("action", "=", "organisation.storage_threshold")
        .where("organisation_id", "=", orgId)
        .orderBy("seq")
        .execute()
    ).map((e) => JSON.parse(e.data) as { percent: number; usedBytes: number; capBytes: number });
  const counter = async (metric: { get(): Promise<{ values: { labels: object; value: number }[] }> }) =>
    Object.fromEntries((await metric.get()).values.map((v) => [Object.values(v.labels).join(), v.value]));

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      clock,
      env: { OBHUT_ORG_STORAGE_CAP: "100MiB", OBHUT_INSTANCE_STORAGE_CAP: "180MiB" },
    });
    const db = server.ctx.db.db;
    const now = clock.now();
    orgA = await seedOrganisation(db, now);
    orgB = await seedOrganisation(db, now);
    for (let i = 0; i < 3; i++) staffA.push(await seedAccount(db, { orgId: orgA, now }));
    staffB = await seedAccount(db, { orgId: orgB, now });
    client = await seedAccount(db, { orgId: null, kind: "client", now });
    const actorA = { accountId: staffA[0]!.id, kind: "staff" as const, organisationId: orgA };
    const others = staffA.slice(1).map((a) => a.id);
    convA = (await createConversation(server.ctx, { actor: actorA, kind: "team", memberIds: others })).id;
    const actorB = { accountId: staffB.id, kind: "staff" as const, organisationId: orgB };
    convB = (await createConversation(server.ctx, { actor: actorB, kind: "case", memberIds: [client.id] })).id;
  });
  afterAll(async () => server?.stop());

  it("gives a client account 50 MiB, staff more", async () => {
    expect(ATTACHMENT_LIMITS.clientQuotaBytes).toBe(50 * MiB);
    await accepted(client, convB, MAX);
    await accepted(client, convB, MAX);
    const refused = await reserve(client, convB, 1);
    expect(refused.status).toBe(413);
    expect(refused.error).toMatchObject({ code: "quota_exceeded", details: { scope: "account" } });
    // Staff of organisation A go past 50 MiB (their organisation's cap is what limits them).
    for (let i = 0; i < 3; i++) await accepted(staffA[0]!, convA, MAX);
    expect(await counter(server.ctx.metrics.storageRefused)).toEqual({ account: 1 });
  });

  it("alerts admins once per crossing of 80 % and 100 % and refuses beyond the organisation's cap", async () => {
    // Organisation A holds 75 MiB (75 %): no alert yet.
    expect(await alerts(orgA)).toEqual([]);
    await accepted(staffA[0]!, convA, 10 * MiB); // 85 %
    expect(await alerts(orgA)).toEqual([{ percent: 80, usedBytes: 85 * MiB, capBytes: 100 * MiB }]);
    await accepted(staffA[1]!, convA, 10 * MiB); // 95 %: same level, no second alert
    const full = await reserve(staffA[1]!, convA, 10 * MiB);
    expect(full.status).toBe(413);
    expect(full.error).toMatchObject({ code: "quota_exceeded", details: { scope: "organisation" } });
    expect((await reserve(staffA[2]!, convA, 10 * MiB)).error?.details).toEqual({ scope: "organisation" });
    const last = await accepted(staffA[1]!, convA, 5 * MiB); // exactly the cap still fits
    expect((await alerts(orgA)).map((a) => a.percent)).toEqual([80, 100]);

    // Freeing space below 80 % re-arms the alerts; the next crossing alerts again.
    const mine = await server.ctx.db.db
      .selectFrom("attachments")
      .select("id")
      .where("uploader_id", "=", staffA[0]!.id)
      .where("size", "=", MAX)
      .execute();
    for (const { id } of mine.slice(0, 2))
      expect((await as(staffA[0]!).call(DeleteAttachment, { params: { id } })).status).toBe(204);
    expect((await as(staffA[1]!).call(DeleteAttachment, { params: { id: last } })).status).toBe(204);
    await accepted(staffA[2]!, convA, MiB); // 46 %
    await accepted(staffA[2]!, convA, MAX); // 71 %
    await accepted(staffA[2]!, convA, 10 * MiB); // 81 %
    const events = await alerts(orgA);
    expect(events.map((a) => a.percent)).toEqual([80, 100, 0, 80]);
    expect(events[3]).toEqual({ percent: 80, usedBytes: 81 * MiB, capBytes: 100 * MiB });
    expect(await counter(server.ctx.metrics.storageThresholds)).toEqual({ "80": 2, "100": 1 });
    expect(await alerts(orgB)).toEqual([]);
    // The admin console shows the usage next to the attachment rules.
    const admin = await seedAccount(server.ctx.db.db, { orgId: orgA, role: "org_admin" });
    const policy = await apiAs(server, admin).call(GetAttachmentPolicy, { params: { orgId: orgA } });
    expect(policy.body).toMatchObject({ storage: { usedBytes: 81 * MiB, capBytes: 100 * MiB } });
    // The alert names no uploader.
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["actor_id", "target_id"])
      .where("action", "=", "organisation.storage_threshold")
      .execute();
    expect(rows.every((r) => r.actor_id === null && (r.target_id === orgA || r.target_id === orgB))).toBe(true);
  });

  it("refuses beyond the instance cap, across organisations", async () => {
    // A holds 81 MiB, B 50 MiB: 131 of 180 MiB.
    await accepted(staffB, convB, MAX); // 156
    await accepted(staffB, convB, 24 * MiB); // 180: exactly the cap
    const refused = await reserve(staffB, convB, MiB);
    expect(refused.status).toBe(413);
    expect(refused.error).toMatchObject({ code: "quota_exceeded", details: { scope: "instance" } });
    expect(await counter(server.ctx.metrics.storageRefused)).toEqual({ account: 1, organisation: 2, instance: 1 });
  });
});

describe.each(DIALECTS)("parallel reservations (%s)", (dialect) => {
  let server: TestServer;
  const orgs: { id: string; staff: SeededAccount[]; conversationId: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      env: { OBHUT_ORG_STORAGE_CAP: "100MiB", OBHUT_INSTANCE_STORAGE_CAP: "150MiB" },
    });
    const db = server.ctx.db.db;
    for (let o = 0; o < 2; o++) {
      const id = await seedOrganisation(db);
      const staff: SeededAccount[] = [];
      for (let i = 0; i < 6; i++) staff.push(await seedAccount(db, { orgId: id }));
      const actor = { accountId: staff[0]!.id, kind: "staff" as const, organisationId: id };
      const memberIds = staff.slice(1).map((a) => a.id);
      const conversationId = (await createConversation(server.ctx, { actor, kind: "team", memberIds })).id;
      orgs.push({ id, staff, conversationId });
    }
  });
  afterAll(async () => server?.stop());

  it("never overshoots the organisation's or the instance's cap, whoever uploads", async () => {
    const results = await Promise.all(
      orgs.flatMap((org) =>
        org.staff.map((a) =>
          apiAs(server, a).call(CreateAttachment, { body: { conversationId: org.conversationId, size: MAX } }),
        ),
      ),
    );
    // Room for 4 per organisation, 6 in all: exactly 6 of the 12 get through.
    expect(results.filter((r) => r.status === 201)).toHaveLength(6);
    expect(results.filter((r) => r.status === 413)).toHaveLength(6);
    for (const org of orgs) {
      const row = await server.ctx.db.db
        .selectFrom("attachments as a")
        .innerJoin("conversations as c", "c.id", "a.conversation_id")
        .select((eb) => eb.fn.sum<string | number>("a.size").as("used"))
        .where("c.organisation_id", "=", org.id)
        .executeTakeFirstOrThrow();
      expect(Number(row.used)).toBeLessThanOrEqual(100 * MiB);
    }
  });
});
