// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ConfirmTraining,
  CreateTraining,
  GetMyNotifications,
  ListMyTrainings,
  ListTrainings,
  type MyTraining,
  type TrainingOverview,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerHousekeeping } from "../../src/app/housekeeping";
import { createScheduler } from "../../src/infra/jobs/scheduler";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { rid, seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { seedCounselling, type CounsellingFixture } from "../cases/support";

const TITLE = "Datenschutz im Beratungsalltag";

/**
 * Training records (issue #21, ADR 0048) on both databases: the DPO sets up
 * a training, staff see it and confirm their own participation, the overview
 * shows confirmed until when, due and overdue on an injected clock (refresh
 * interval, grace days), who may do what, tenant isolation, and the audit
 * trail without titles or content.
 */
describe.each(DIALECTS)("training records (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  let dpo: SeededAccount;
  const clock = manualClock(Date.UTC(2027, 2, 1, 9, 0));
  let yearly: TrainingOverview;
  let dpoOnly: TrainingOverview;

  const as = async (a: SeededAccount) =>
    apiAs(server, { cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie });
  const overview = async () => {
    const res = await (await as(dpo)).call(ListTrainings, { params: { orgId: f.orgId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.trainings as TrainingOverview[];
  };
  const statusOf = (t: TrainingOverview | undefined, id: string) =>
    t?.participants.find((p) => p.accountId === id)?.status;

  /** One run of the scheduled jobs at the clock's time (a fresh scheduler claims the slot). */
  async function tick(): Promise<void> {
    const scheduler = createScheduler({ db: server.ctx.db.db, nodeId: `training-test-${rid("n")}`, clock });
    registerHousekeeping(scheduler, server.ctx);
    await scheduler.tick();
    await scheduler.stop();
  }
  const trainingNotices = async (a: SeededAccount) =>
    (await (await as(a)).call(GetMyNotifications)).body.items.filter((i: { kind: string }) => i.kind === "training_due")
      .length;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    dpo = await seedAccount(server.ctx.db.db, { orgId: f.orgId, role: "dpo", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  it("the DPO sets up a training for all staff; an admin one for the DPO only", async () => {
    const res = await (
      await as(dpo)
    ).call(CreateTraining, {
      params: { orgId: f.orgId },
      body: {
        title: TITLE,
        content: "DSGVO, Schweigepflicht, sichere Kanäle",
        link: null,
        intervalMonths: 12,
        audience: "all",
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    yearly = (res.body as { training: TrainingOverview }).training;
    expect(yearly).toMatchObject({ title: TITLE, intervalMonths: 12, audience: "all" });
    // Every active staff member of the organisation is due, nobody else.
    const ids = yearly.participants.map((p) => p.accountId);
    for (const a of [f.anna, f.ben, f.lead, f.olga, f.admin, dpo]) expect(ids).toContain(a.id);
    for (const a of [f.client, f.stranger]) expect(ids).not.toContain(a.id);
    expect(yearly.counts).toEqual({ confirmed: 0, due: ids.length, overdue: 0 });
    expect(yearly.participants[0]).toMatchObject({ status: "due", dueOn: "2027-03-31", attendedOn: null });

    const admin = await (
      await as(f.admin)
    ).call(CreateTraining, {
      params: { orgId: f.orgId },
      body: {
        title: "Aufgaben der DSB",
        content: "",
        link: "https://example.org/dsb",
        intervalMonths: null,
        audience: "dpo",
      },
    });
    expect(admin.status, JSON.stringify(admin.body)).toBe(201);
    dpoOnly = (admin.body as { training: TrainingOverview }).training;
    expect(dpoOnly.participants.map((p) => p.accountId)).toEqual([dpo.id]);

    // Neither content nor link: refused by the shared schema.
    const empty = await (
      await as(dpo)
    ).call(CreateTraining, {
      params: { orgId: f.orgId },
      body: { title: "Leer", content: "  ", link: null, intervalMonths: null, audience: "all" },
    });
    expect(errorOf(empty).code).toBe("invalid_body");
  });

  it("a counsellor, a client and another organisation's DPO cannot set up or see trainings", async () => {
    const { organisation_id: otherOrg } = await server.ctx.db.db
      .selectFrom("accounts")
      .select("organisation_id")
      .where("id", "=", f.stranger.id)
      .executeTakeFirstOrThrow();
    const strangerDpo = await seedAccount(server.ctx.db.db, { orgId: otherOrg!, role: "dpo", now: clock.now() });
    for (const who of [f.anna, f.lead, f.client, strangerDpo]) {
      const api = await as(who);
      const create = await api.call(CreateTraining, {
        params: { orgId: f.orgId },
        body: { title: "x", content: "x", link: null, intervalMonths: null, audience: "all" },
      });
      expect([403, 404]).toContain(create.status);
      const list = await api.call(ListTrainings, { params: { orgId: f.orgId } });
      expect([403, 404]).toContain(list.status);
    }
    expect(
      errorOf(
        await (
          await as(f.anna)
        ).call(CreateTraining, {
          params: { orgId: f.orgId },
          body: { title: "x", content: "x", link: null, intervalMonths: null, audience: "all" },
        }),
      ).code,
    ).toBe("forbidden");
    // The other organisation's DPO sees none of these trainings through their own organisation either,
    // and cannot confirm one of them there.
    const theirs = await (await as(strangerDpo)).call(ListTrainings, { params: { orgId: otherOrg! } });
    expect(theirs.body.trainings).toEqual([]);
    const confirm = await (
      await as(strangerDpo)
    ).call(ConfirmTraining, {
      params: { orgId: otherOrg!, trainingId: yearly.id },
      body: { attendedOn: "2027-03-01" },
    });
    expect(errorOf(confirm).code).toBe("not_found");
    const mine = await (await as(f.stranger)).call(ListMyTrainings, { params: { orgId: f.orgId } });
    expect([403, 404]).toContain(mine.status);
    expect(await server.ctx.db.db.selectFrom("trainings").select("id").execute()).toHaveLength(2);
  });

  it("a staff member sees the trainings meant for her and confirms her own participation", async () => {
    const anna = await as(f.anna);
    const mine = await anna.call(ListMyTrainings, { params: { orgId: f.orgId } });
    expect(mine.status).toBe(200);
    expect(mine.body.trainings.map((t: MyTraining) => [t.title, t.status])).toEqual([[TITLE, "due"]]);
    // Not a day to come; not a training meant for someone else.
    const future = await anna.call(ConfirmTraining, {
      params: { orgId: f.orgId, trainingId: yearly.id },
      body: { attendedOn: "2027-03-02" },
    });
    expect(errorOf(future).code).toBe("training_date_in_future");
    const other = await anna.call(ConfirmTraining, {
      params: { orgId: f.orgId, trainingId: dpoOnly.id },
      body: { attendedOn: "2027-02-20" },
    });
    expect(errorOf(other).code).toBe("not_found");
    // Only for herself: the body names no one else.
    const forBen = await anna.call(ConfirmTraining, {
      params: { orgId: f.orgId, trainingId: yearly.id },
      body: { attendedOn: "2027-02-20", accountId: f.ben.id } as never,
    });
    expect(errorOf(forBen).code).toBe("invalid_body");
    const ok = await anna.call(ConfirmTraining, {
      params: { orgId: f.orgId, trainingId: yearly.id },
      body: { attendedOn: "2027-02-20" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.training).toMatchObject({ status: "confirmed", attendedOn: "2027-02-20", validUntil: "2028-02-20" });
    const t = (await overview()).find((x) => x.id === yearly.id);
    expect(statusOf(t, f.anna.id)).toBe("confirmed");
    expect(statusOf(t, f.ben.id)).toBe("due");
    expect(t!.counts.confirmed).toBe(1);
    expect(await server.ctx.db.db.selectFrom("training_confirmations").select("account_id").execute()).toEqual([
      { account_id: f.anna.id },
    ]);
  });

  it("after the grace days the unconfirmed are overdue; after the interval the confirmed are due again", async () => {
    clock.set(Date.UTC(2027, 3, 1, 9, 0));
    let t = (await overview()).find((x) => x.id === yearly.id)!;
    expect(statusOf(t, f.ben.id)).toBe("overdue");
    expect(statusOf(t, f.anna.id)).toBe("confirmed");
    expect(t.participants.find((p) => p.accountId === f.anna.id)).toMatchObject({ validUntil: "2028-02-20" });
    // A one-off training stays confirmed.
    const dpoApi = await as(dpo);
    await dpoApi.call(ConfirmTraining, {
      params: { orgId: f.orgId, trainingId: dpoOnly.id },
      body: { attendedOn: "2027-03-30" },
    });
    clock.set(Date.UTC(2028, 1, 21, 9, 0));
    const all = await overview();
    t = all.find((x) => x.id === yearly.id)!;
    expect(t.participants.find((p) => p.accountId === f.anna.id)).toMatchObject({ status: "due", dueOn: "2028-03-21" });
    expect(
      statusOf(
        all.find((x) => x.id === dpoOnly.id),
        dpo.id,
      ),
    ).toBe("confirmed");
    // She takes part again: confirmed for another year.
    const again = await (
      await as(f.anna)
    ).call(ConfirmTraining, { params: { orgId: f.orgId, trainingId: yearly.id }, body: { attendedOn: "2028-02-21" } });
    expect(again.body.training).toMatchObject({ status: "confirmed", validUntil: "2029-02-21" });
  });

  it("tells each staff member once per due period that a training is due, the kind only", async () => {
    // Now (21 Feb 2028): Ben is overdue with the yearly training, the DPO has not taken it, Anna is confirmed.
    await tick();
    expect(await trainingNotices(f.ben)).toBe(1);
    expect(await trainingNotices(dpo)).toBe(1);
    expect(await trainingNotices(f.anna)).toBe(0);
    expect(await trainingNotices(f.stranger)).toBe(0);
    clock.advance(2 * 3_600_000);
    await tick();
    expect(await trainingNotices(f.ben)).toBe(1);
    // Her participation of 21 Feb 2028 is valid for a year: then it is due again, and she hears it once.
    clock.set(Date.UTC(2029, 1, 21, 9, 0));
    await tick();
    expect(await trainingNotices(f.anna)).toBe(1);
    clock.advance(2 * 3_600_000);
    await tick();
    expect(await trainingNotices(f.anna)).toBe(1);
    // Ben's bell entry of a year ago is gone (30 days); he was not told again.
    const claimed = await server.ctx.db.db
      .selectFrom("training_reminders")
      .select("account_id")
      .where("account_id", "=", f.ben.id)
      .execute();
    expect(claimed).toHaveLength(1);
    const payloads = await server.ctx.db.db.selectFrom("job_queue").select("payload").execute();
    expect(payloads.some((p) => p.payload.includes("Datenschutz") || p.payload.includes("Aufgaben"))).toBe(false);
  });

  it("audits set-up and confirmations with the actor, never title or content", async () => {
    const rows = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "actor_id", "target_id", "data"])
      .where("target_type", "=", "training")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.action, r.actor_id, r.target_id])).toEqual([
      ["training.create", dpo.id, yearly.id],
      ["training.create", f.admin.id, dpoOnly.id],
      ["training.confirmed", f.anna.id, yearly.id],
      ["training.confirmed", dpo.id, dpoOnly.id],
      ["training.confirmed", f.anna.id, yearly.id],
    ]);
    const data = rows.map((r) => r.data).join("\n");
    for (const text of ["Datenschutz", "DSGVO", "Aufgaben", "example.org"]) expect(data).not.toContain(text);
    expect(JSON.parse(rows[2]!.data)).toEqual({ attendedOn: "2027-02-20" });
  });
});
