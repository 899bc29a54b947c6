// SPDX-License-Identifier: AGPL-3.0-or-later
import { CreateBreach, GetMyNotifications, ListBreaches, UpdateBreach, type BreachView } from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedCounselling, type CounsellingFixture } from "../cases/support";

const HOUR = 3_600_000;
const TEXT = "Ein Dienst-Laptop mit Fallakten wurde in der S-Bahn vergessen (Frau Beispiel)";

/**
 * The breach register (Art. 33/34 GDPR, ADR 0047) on both databases: record
 * a breach, the 72-hour clock and its reminders to the DPO through the real
 * scheduler on an injected clock (24 h, 4 h before, overdue; each once; kind
 * only), the assessment, a late notification that needs its reason, who may
 * see and change it, and the audit trail without the breach's text.
 */
describe.each(DIALECTS)("the breach register (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  const clock = manualClock(Date.UTC(2027, 2, 1, 9, 0));
  const awareAt = Date.UTC(2027, 2, 1, 8, 0);
  let breach: BreachView;

  const as = async (a: SeededAccount) =>
    apiAs(server, { cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie });

  /** One run of the scheduled jobs at the clock's time (a fresh scheduler claims the slot). */
  async function tick(): Promise<void> {
    const scheduler = createScheduler({ db: server.ctx.db.db, nodeId: `breach-test-${rid("n")}`, clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
  }
  const breachKinds = async () =>
    (await (await as(dpo)).call(GetMyNotifications)).body.items
      .map((i: { kind: string }) => i.kind)
      .filter((k: string) => k.startsWith("breach_"));

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  it("records a breach as written, with its 72-hour deadline", async () => {
    const res = await (
      await as(dpo)
    ).call(CreateBreach, {
      params: { orgId: f.orgId },
      body: { description: `  ${TEXT}\n`, awareAt, dataCategories: "Namen, Beratungsnotizen", personsAffected: 40 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    breach = (res.body as { breach: BreachView }).breach;
    expect(breach).toMatchObject({
      description: `  ${TEXT}\n`,
      awareAt,
      deadlineAt: awareAt + 72 * HOUR,
      status: "open",
      risk: "unassessed",
      personsAffected: 40,
      authorityNotifiedAt: null,
    });
    const list = await (await as(f.admin)).call(ListBreaches, { params: { orgId: f.orgId } });
    expect(list.status).toBe(200);
    expect(list.body.breaches.map((b: BreachView) => b.id)).toEqual([breach.id]);
    // Empty description refused with the shared schema's code.
    const empty = await (
      await as(dpo)
    ).call(CreateBreach, {
      params: { orgId: f.orgId },
      body: { description: "", awareAt, dataCategories: "x", personsAffected: null },
    });
    expect(errorOf(empty).code).toBe("invalid_body");
  });

  it("reminds the DPO 24 h and 4 h before the deadline and when it has passed, each once, kind only", async () => {
    await tick();
    expect(await breachKinds()).toEqual([]);
    clock.set(awareAt + 48 * HOUR + 1);
    await tick();
    expect(await breachKinds()).toEqual(["breach_due_soon"]);
    clock.advance(30 * 60_000);
    await tick();
    expect(await breachKinds()).toEqual(["breach_due_soon"]);
    clock.set(awareAt + 68 * HOUR + 1);
    await tick();
    expect((await breachKinds()).sort()).toEqual(["breach_due_soon", "breach_due_soon"]);
    clock.set(awareAt + 72 * HOUR + 1);
    await tick();
    expect((await breachKinds()).sort()).toEqual(["breach_due_soon", "breach_due_soon", "breach_overdue"]);
    clock.advance(HOUR);
    await tick();
    expect(await breachKinds()).toHaveLength(3);
    // Counsellors hear nothing of it; no queued notice carries the text.
    const anna = (await (await as(f.anna)).call(GetMyNotifications)).body.items.map((i: { kind: string }) => i.kind);
    expect(anna.filter((k: string) => k.startsWith("breach_"))).toEqual([]);
    const payloads = await server.ctx.db.db.selectFrom("job_queue").select("payload").execute();
    expect(payloads.some((p) => p.payload.includes("Laptop"))).toBe(false);
  });

  it("assesses the risk: high risk means telling the authority and the persons", async () => {
    const res = await (
      await as(dpo)
    ).call(UpdateBreach, {
      params: { orgId: f.orgId, breachId: breach.id },
      body: {
        description: breach.description,
        awareAt,
        dataCategories: breach.dataCategories,
        personsAffected: 40,
        status: "open",
        risk: "high",
        consequences: "Offenlegung sensibler Beratungsinhalte",
        measures: "Fernlöschung, Passwörter geändert",
        authorityNotifiedAt: null,
        delayReason: null,
        personsNotifiedAt: null,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.breach).toMatchObject({ risk: "high", notifyAuthority: true, notifyPersons: true });
  });

  it("wants the reason for a notification after 72 hours", async () => {
    const late = {
      description: breach.description,
      awareAt,
      dataCategories: breach.dataCategories,
      personsAffected: 40,
      status: "open" as const,
      risk: "risk" as const,
      consequences: "",
      measures: "",
      authorityNotifiedAt: awareAt + 80 * HOUR,
      delayReason: null,
      personsNotifiedAt: null,
    };
    const refused = await (
      await as(dpo)
    ).call(UpdateBreach, { params: { orgId: f.orgId, breachId: breach.id }, body: late });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).code).toBe("breach_delay_reason_required");
    const blank = await (
      await as(dpo)
    ).call(UpdateBreach, { params: { orgId: f.orgId, breachId: breach.id }, body: { ...late, delayReason: "   " } });
    expect(errorOf(blank).code).toBe("breach_delay_reason_required");
    const ok = await (
      await as(f.admin)
    ).call(UpdateBreach, {
      params: { orgId: f.orgId, breachId: breach.id },
      body: { ...late, delayReason: "Umfang erst nach Auswertung der Sicherung bekannt" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.breach).toMatchObject({ notifyAuthority: true, notifyPersons: false });
    // Within 72 hours no reason is needed.
    const inTime = await (
      await as(dpo)
    ).call(UpdateBreach, {
      params: { orgId: f.orgId, breachId: breach.id },
      body: { ...late, authorityNotifiedAt: awareAt + 70 * HOUR, delayReason: null },
    });
    expect(inTime.status).toBe(200);
  });

  it("refuses counsellors, clients and other organisations' staff", async () => {
    const { organisation_id: otherOrg } = await server.ctx.db.db
      .selectFrom("accounts")
      .select("organisation_id")
      .where("id", "=", f.stranger.id)
      .executeTakeFirstOrThrow();
    const stranger = await seedAccount(server.ctx.db.db, { orgId: otherOrg!, role: "dpo", now: clock.now() });
    for (const who of [f.anna, f.client, stranger]) {
      const api = await as(who);
      const list = await api.call(ListBreaches, { params: { orgId: f.orgId } });
      expect([403, 404]).toContain(list.status);
      const create = await api.call(CreateBreach, {
        params: { orgId: f.orgId },
        body: { description: "x", awareAt, dataCategories: "x", personsAffected: null },
      });
      expect([403, 404]).toContain(create.status);
    }
    // Another organisation's DPO cannot reach this breach through their own organisation either.
    const other = await (
      await as(stranger)
    ).call(UpdateBreach, {
      params: { orgId: otherOrg!, breachId: breach.id },
      body: {
        description: "überschrieben",
        awareAt,
        dataCategories: "x",
        personsAffected: null,
        status: "closed",
        risk: "none",
        consequences: "",
        measures: "",
        authorityNotifiedAt: null,
        delayReason: null,
        personsNotifiedAt: null,
      },
    });
    expect(errorOf(other).code).toBe("not_found");
    expect(await server.ctx.db.db.selectFrom("breaches").select("id").execute()).toHaveLength(1);
  });

  it("audits every change with actor and action, never the text", async () => {
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id", "target_id", "data"])
      .where("target_type", "=", "breach")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ["breach.create", dpo.id],
      ["breach.update", dpo.id],
      ["breach.update", f.admin.id],
      ["breach.update", dpo.id],
    ]);
    expect(rows.every((r) => r.target_id === breach.id)).toBe(true);
    const data = rows.map((r) => r.data).join("\n");
    for (const text of ["Laptop", "Namen", "Offenlegung", "Fernlöschung", "Sicherung"])
      expect(data).not.toContain(text);
    expect(JSON.parse(rows[2]!.data)).toMatchObject({ risk: "risk", late: true });
  });
});
