// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AuditEntryView,
  type AuditStatusView,
  ExportAuditEntries,
  GetAuditStatus,
  ListAuditEntries,
  type QueryOf,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/core/audit";
import { seedAccount, type SeededAccount } from "../helpers/factories";
import { type SeededOrg, seedOrg } from "../admin/support";
import { apiAs } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";

type Page = { entries: AuditEntryView[]; nextBefore: number | null };

/**
 * The DPO's audit viewer: filters (time, action or category, actor,
 * target), paging by sequence number, the export (audited itself), the
 * chain status, and who may read: DPO and admins of the organisation only.
 */
describe.each(DIALECTS)("audit viewer (%s)", (dialect) => {
  let server: TestServer;
  let org: SeededOrg;
  let other: SeededOrg;
  let dpo: SeededAccount;
  let admin: SeededAccount;
  let counsellor: SeededAccount;
  let otherDpo: SeededAccount;
  const t0 = Date.UTC(2026, 0, 10, 8, 0, 0);
  const clock = manualClock(t0);
  const as = (a: { cookie: string }) => apiAs(server, a);

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    const db = server.ctx.db.db;
    org = await seedOrg(db);
    other = await seedOrg(db);
    dpo = await seedAccount(db, { orgId: org.orgId, role: "dpo" });
    admin = await seedAccount(db, { orgId: org.orgId, role: "org_admin" });
    counsellor = await seedAccount(db, {
      orgId: org.orgId,
      role: "counsellor",
      team: { id: org.teamId, role: "member" },
    });
    otherDpo = await seedAccount(db, { orgId: other.orgId, role: "dpo" });
    // 30 entries an hour apart: logins by the counsellor, case events by the admin; one in the other organisation.
    for (let i = 0; i < 30; i++)
      await recordAudit(db, t0 + i * 3_600_000, {
        organisationId: org.orgId,
        actorId: i % 2 === 0 ? counsellor.id : admin.id,
        action: i % 2 === 0 ? "auth.login" : i % 3 === 0 ? "case.closed" : "case.accepted",
        target:
          i % 2 === 0
            ? { type: "account", id: counsellor.id }
            : { type: "case", id: `case-${String(i).padStart(6, "0")}` },
        data: { n: i },
      });
    await recordAudit(db, t0, { organisationId: other.orgId, actorId: otherDpo.id, action: "auth.login" });
    clock.set(t0 + 40 * 3_600_000);
  });
  afterAll(async () => server?.stop());

  it("lists the organisation's entries newest first and pages through them", async () => {
    const first = await as(dpo).call(ListAuditEntries, { params: { orgId: org.orgId }, query: { limit: 20 } });
    expect(first.status).toBe(200);
    const p1 = first.body as Page;
    expect(p1.entries).toHaveLength(20);
    expect(p1.entries[0]!.seq).toBeGreaterThan(p1.entries[1]!.seq);
    const p2 = (
      await as(dpo).call(ListAuditEntries, {
        params: { orgId: org.orgId },
        query: { limit: 20, before: p1.nextBefore },
      })
    ).body as Page;
    expect(p2.nextBefore).toBeNull();
    const all = [...p1.entries, ...p2.entries];
    expect(new Set(all.map((e) => e.seq)).size).toBe(all.length);
    expect(all.some((e) => e.actorId === otherDpo.id)).toBe(false);
    // Staff actors of the organisation are named; only the stored fields are exposed.
    const login = all.find((e) => e.action === "auth.login")!;
    expect(login.actorName).toBe(counsellor.username);
    expect(Object.keys(login).sort()).toEqual(
      ["action", "actorId", "actorName", "at", "data", "hash", "prevHash", "seq", "targetId", "targetType"].sort(),
    );
  });

  it("filters by time range, action, category, actor and target", async () => {
    const get = async (q: QueryOf<typeof ListAuditEntries>) =>
      (await as(dpo).call(ListAuditEntries, { params: { orgId: org.orgId }, query: { limit: 200, ...q } })).body
        .entries;
    const range = await get({ from: t0 + 10 * 3_600_000, to: t0 + 20 * 3_600_000 });
    expect(range).toHaveLength(10);
    expect(range.every((e) => e.at >= t0 + 10 * 3_600_000 && e.at < t0 + 20 * 3_600_000)).toBe(true);
    expect((await get({ action: "auth.login" })).every((e) => e.action === "auth.login")).toBe(true);
    const category = await get({ action: "case." });
    expect(category.length).toBeGreaterThan(0);
    expect(category.every((e) => e.action.startsWith("case."))).toBe(true);
    expect(new Set(category.map((e) => e.action))).toEqual(new Set(["case.closed", "case.accepted"]));
    expect((await get({ actorId: admin.id })).every((e) => e.actorId === admin.id)).toBe(true);
    const one = await get({ targetType: "case", targetId: "case-000003" });
    expect(one).toHaveLength(1);
    expect(one[0]!.data).toEqual({ n: 3 });
    // "_" is not a wildcard.
    expect(await get({ action: "case_." })).toEqual([]);
    expect(
      (await as(dpo).call(ListAuditEntries, { params: { orgId: org.orgId }, query: { action: "DROP TABLE" } })).status,
    ).toBe(400);
  });

  it("exports the filtered range in chain order and audits the export", async () => {
    const res = await as(dpo).call(ExportAuditEntries, { params: { orgId: org.orgId }, query: { action: "case." } });
    expect(res.status).toBe(200);
    const body = res.body as { chain: string; entries: AuditEntryView[]; truncated: boolean };
    expect(body.chain).toBe(org.orgId);
    expect(body.truncated).toBe(false);
    expect(body.entries.map((e) => e.seq)).toEqual([...body.entries.map((e) => e.seq)].sort((a, b) => a - b));
    expect(body.entries).toHaveLength(15);
    const latest = (
      (await as(dpo).call(ListAuditEntries, { params: { orgId: org.orgId }, query: { limit: 1 } })).body as Page
    ).entries[0]!;
    expect(latest).toMatchObject({ action: "audit.exported", actorId: dpo.id });
    expect(latest.data).toMatchObject({ entries: 15, filterAction: "case." });
  });

  it("reports the chain status and notices a changed entry", async () => {
    const ok = (await as(admin).call(GetAuditStatus, { params: { orgId: org.orgId } })).body as AuditStatusView;
    expect(ok).toMatchObject({ ok: true, problems: [], verifiedAt: clock.now() });
    expect(ok.headSeq).toBe(ok.entries);
    const db = server.ctx.db.db;
    await db
      .updateTable("audit_events")
      .set({ data: '{"n":99}' })
      .where("chain", "=", org.orgId)
      .where("seq", "=", 3)
      .execute();
    const bad = (await as(dpo).call(GetAuditStatus, { params: { orgId: org.orgId } })).body as AuditStatusView;
    expect(bad.ok).toBe(false);
    expect(bad.problems).toContainEqual({ seq: 3, kind: "changed" });
  });

  it("lets the DPO and admins read, only the DPO export, and nobody else in", async () => {
    expect((await as(admin).call(ListAuditEntries, { params: { orgId: org.orgId } })).status).toBe(200);
    expect((await as(admin).call(ExportAuditEntries, { params: { orgId: org.orgId } })).status).toBe(403);
    expect((await as(counsellor).call(ListAuditEntries, { params: { orgId: org.orgId } })).status).toBe(403);
    expect((await as(counsellor).call(GetAuditStatus, { params: { orgId: org.orgId } })).status).toBe(403);
    for (const route of [ListAuditEntries, ExportAuditEntries, GetAuditStatus])
      expect((await as(otherDpo).call(route, { params: { orgId: org.orgId } })).status).toBe(404);
  });
});
