// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  AcceptCase,
  BookAppointment,
  CalendarFeed,
  CancelAppointment,
  CreateCalendarFeed,
  GetCaseAppointments,
  GetMyAvailability,
  OpenCase,
  PutMyAvailability,
  RevokeCalendarFeed,
  type CaseAppointments,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, errorOf } from "../helpers/api";
import { DIALECTS } from "../helpers/databases";
import { seedAccount, seedSession, type SeededAccount } from "../helpers/factories";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { openCaseBody, seedCounselling, type CounsellingFixture } from "../cases/support";

const H = 3_600_000;
/** Wednesday 24 March 2027, 10:00 in Berlin (CET); summer time begins on Sunday 28 March. */
const NOW = Date.UTC(2027, 2, 24, 9, 0);

/**
 * Appointment booking (issue #20, ADR 0052) on both databases: a counsellor
 * publishes weekly slots and a day off; the client of their case sees the free
 * slots of the next 14 days at the same wall-clock time on both sides of the
 * change to summer time, books one, cannot book a taken, past or unoffered
 * slot; ten parallel bookings of one slot have exactly one winner; cancelling
 * frees the slot; who may do what; the staff calendar feed is content-free
 * and revocable.
 */
describe.each(DIALECTS)("appointments (%s)", (dialect) => {
  let server: TestServer;
  let f: CounsellingFixture;
  const clock = manualClock(NOW);
  let kase: { client: SeededAccount; caseId: string };

  const as = async (a: SeededAccount) =>
    apiAs(server, { cookie: (await seedSession(server.ctx.db.db, a.id, clock.now())).cookie });

  /** A case of a fresh client, opened through the API and accepted by anna. */
  async function openCase(): Promise<{ client: SeededAccount; caseId: string }> {
    const client = await seedAccount(server.ctx.db.db, { orgId: null, role: "client", now: clock.now() });
    const body = openCaseBody({ agencyId: f.agencyId, topicId: f.topicId });
    const opened = await (await as(client)).call(OpenCase, { body });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const accepted = await (await as(f.anna)).call(AcceptCase, { params: { caseId: body.caseId } });
    expect(accepted.status).toBe(200);
    return { client, caseId: body.caseId };
  }

  const slotsOf = async (who: SeededAccount, caseId: string) => {
    const res = await (await as(who)).call(GetCaseAppointments, { params: { caseId } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as CaseAppointments;
  };

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    f = await seedCounselling(server.ctx.db.db);
    kase = await openCase();
  });
  afterAll(async () => server?.stop());

  it("a counsellor publishes weekly slots and a day off; a client may not", async () => {
    const body = {
      slots: [
        { weekday: 1, startMinute: 10 * 60, endMinute: 12 * 60, slotMinutes: 60 as const, kinds: ["video", "phone"] },
        { weekday: 3, startMinute: 9 * 60, endMinute: 11 * 60, slotMinutes: 30 as const, kinds: ["on_site"] },
      ],
      daysOff: ["2027-03-31"],
    } as const;
    const res = await (await as(f.anna)).call(PutMyAvailability, { body: structuredClone(body) as never });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ timeZone: "Europe/Berlin", daysOff: ["2027-03-31"], appointments: [] });
    expect((await (await as(f.anna)).call(GetMyAvailability)).body.slots).toHaveLength(2);
    const refused = await (await as(kase.client)).call(PutMyAvailability, { body: { slots: [], daysOff: [] } });
    expect(refused.status).toBe(403);
    // A window too short for one slot is refused by the shared schema.
    const short = await (
      await as(f.anna)
    ).call(PutMyAvailability, {
      body: {
        slots: [{ weekday: 1, startMinute: 600, endMinute: 630, slotMinutes: 60, kinds: ["video"] }],
        daysOff: [],
      },
    });
    expect(short.status).toBe(400);
  });

  it("the client sees 14 days of free slots at the same local time across the change to summer time", async () => {
    const view = await slotsOf(kase.client, kase.caseId);
    expect(view.bookable).toBe(true);
    const starts = view.free.map((s) => s.startsAt);
    // Today (CET, UTC+1): 09:00–10:00 have begun, 10:30 is free.
    expect(starts).not.toContain(Date.UTC(2027, 2, 24, 8, 0));
    expect(starts).not.toContain(NOW);
    expect(starts).toContain(Date.UTC(2027, 2, 24, 9, 30));
    // Monday 29 March (CEST, UTC+2): 10:00 and 11:00 local.
    expect(starts).toContain(Date.UTC(2027, 2, 29, 8, 0));
    expect(starts).toContain(Date.UTC(2027, 2, 29, 9, 0));
    // Wednesday 31 March is a day off; Wednesday 7 April 09:00 CEST is 07:00 UTC, still within 14 days.
    expect(starts.filter((s) => s >= Date.UTC(2027, 2, 31) && s < Date.UTC(2027, 3, 1))).toEqual([]);
    expect(starts).toContain(Date.UTC(2027, 3, 7, 7, 0));
    expect(starts.every((s) => s > NOW && s < NOW + 14 * 24 * H)).toBe(true);
    expect(view.free.find((s) => s.startsAt === Date.UTC(2027, 2, 29, 8, 0))).toMatchObject({
      endsAt: Date.UTC(2027, 2, 29, 9, 0),
      kinds: ["video", "phone"],
    });
  });

  it("books a slot; it is no longer free; the case and the counsellor see it", async () => {
    const startsAt = Date.UTC(2027, 2, 29, 8, 0);
    const res = await (
      await as(kase.client)
    ).call(BookAppointment, { params: { caseId: kase.caseId }, body: { startsAt, kind: "video" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.appointment).toMatchObject({ caseId: kase.caseId, startsAt, endsAt: startsAt + H, kind: "video" });
    const view = await slotsOf(kase.client, kase.caseId);
    expect(view.free.map((s) => s.startsAt)).not.toContain(startsAt);
    expect(view.appointments.map((a) => a.startsAt)).toEqual([startsAt]);
    const mine = (await (await as(f.anna)).call(GetMyAvailability)).body;
    expect(mine.appointments).toEqual([res.body.appointment]);
    // The audit says that and which kind, nothing more.
    const audit = await server.ctx.db.db
      .selectFrom("audit_events")
      .select(["action", "data"])
      .where("action", "like", "appointment.%")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["appointment.availability_set", "appointment.booked"]);
    expect(JSON.stringify(audit)).not.toContain(String(startsAt));
  });

  it("refuses a taken, a past and an unoffered slot with stable codes", async () => {
    const other = await openCase();
    const book = async (startsAt: number, kind: "video" | "phone" | "on_site" = "video") =>
      (await as(other.client)).call(BookAppointment, { params: { caseId: other.caseId }, body: { startsAt, kind } });
    const taken = await book(Date.UTC(2027, 2, 29, 8, 0));
    expect([taken.status, errorOf(taken).code]).toEqual([409, "appointment_slot_taken"]);
    const past = await book(Date.UTC(2027, 2, 24, 8, 0), "on_site");
    expect([past.status, errorOf(past).code]).toEqual([400, "appointment_in_past"]);
    const odd = await book(Date.UTC(2027, 2, 29, 8, 15));
    expect([odd.status, errorOf(odd).code]).toEqual([400, "appointment_slot_unavailable"]);
    const wrongKind = await book(Date.UTC(2027, 2, 29, 9, 0), "on_site");
    expect(errorOf(wrongKind).code).toBe("appointment_slot_unavailable");
    const dayOff = await book(Date.UTC(2027, 2, 31, 8, 0), "on_site");
    expect(errorOf(dayOff).code).toBe("appointment_slot_unavailable");
  });

  it("ten parallel bookings of one slot: exactly one wins", async () => {
    const startsAt = Date.UTC(2027, 3, 5, 9, 0);
    const cases = [];
    for (let i = 0; i < 10; i++) cases.push(await openCase());
    const clients = await Promise.all(cases.map(async (c) => ({ ...c, api: await as(c.client) })));
    const replies = await Promise.all(
      clients.map((c) =>
        c.api.call(BookAppointment, { params: { caseId: c.caseId }, body: { startsAt, kind: "phone" } }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
    expect(replies.filter((r) => r.status === 409).every((r) => errorOf(r).code === "appointment_slot_taken")).toBe(
      true,
    );
    const rows = await server.ctx.db.db
      .selectFrom("appointments")
      .selectAll()
      .where("starts_at", "=", startsAt)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("who may see and cancel; cancelling frees the slot", async () => {
    const startsAt = Date.UTC(2027, 2, 29, 8, 0);
    const [appointment] = (await slotsOf(kase.client, kase.caseId)).appointments;
    // Another client, another team, another organisation: not found; a team colleague needs break glass.
    for (const who of [f.otherClient, f.olga, f.stranger]) {
      expect((await (await as(who)).call(GetCaseAppointments, { params: { caseId: kase.caseId } })).status).toBe(404);
      const res = await (await as(who)).call(CancelAppointment, { params: { appointmentId: appointment!.id } });
      expect(res.status).toBe(404);
    }
    expect((await (await as(f.ben)).call(GetCaseAppointments, { params: { caseId: kase.caseId } })).status).toBe(403);
    // The counsellor sees the case's appointment too.
    expect((await slotsOf(f.anna, kase.caseId)).appointments).toHaveLength(1);
    const cancelled = await (
      await as(kase.client)
    ).call(CancelAppointment, { params: { appointmentId: appointment!.id } });
    expect(cancelled.status).toBe(204);
    const view = await slotsOf(kase.client, kase.caseId);
    expect(view.appointments).toEqual([]);
    expect(view.free.map((s) => s.startsAt)).toContain(startsAt);
    const again = await (await as(kase.client)).call(CancelAppointment, { params: { appointmentId: appointment!.id } });
    expect(again.status).toBe(404);
  });

  it("the staff calendar feed says only 'Obhut-Termin' and a link, and can be remade and revoked", async () => {
    const startsAt = Date.UTC(2027, 2, 29, 9, 0);
    const booked = await (
      await as(kase.client)
    ).call(BookAppointment, { params: { caseId: kase.caseId }, body: { startsAt, kind: "phone" } });
    expect(booked.status).toBe(201);
    const made = await (await as(f.anna)).call(CreateCalendarFeed);
    expect(made.status).toBe(201);
    const feedPath = made.body.path;
    expect((await (await as(f.anna)).call(GetMyAvailability)).body.feedCreatedAt).toBe(clock.now());
    const read = (path: string) => apiAs(server).callRaw("GET", path);
    const feed = await read(feedPath);
    expect(feed.status).toBe(200);
    expect(String(feed.headers["content-type"])).toContain("text/calendar");
    const text = String(feed.body);
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain("SUMMARY:Obhut-Termin");
    expect(text).toContain("DTSTART:20270329T090000Z");
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    // No pseudonym, no topic, no agency, no case id, no kind.
    for (const secret of [kase.client.username, "Familie", "Beratungsstelle", kase.caseId, "phone", "video"])
      expect(text).not.toContain(secret);
    expect(text.split("\r\n").filter((l) => l.startsWith("SUMMARY:"))).toEqual([
      "SUMMARY:Obhut-Termin",
      "SUMMARY:Obhut-Termin",
    ]);
    // A client has no feed; a new address revokes the old; revoking ends it.
    expect((await (await as(kase.client)).call(CreateCalendarFeed)).status).toBe(403);
    const remade = await (await as(f.anna)).call(CreateCalendarFeed);
    expect((await read(feedPath)).status).toBe(404);
    expect((await read(remade.body.path)).status).toBe(200);
    expect((await (await as(f.anna)).call(RevokeCalendarFeed)).status).toBe(204);
    expect((await read(remade.body.path)).status).toBe(404);
    expect((await (await as(f.anna)).call(GetMyAvailability)).body.feedCreatedAt).toBeNull();
    // A malformed token never reaches the database.
    expect((await apiAs(server).call(CalendarFeed, { params: { token: "nope" } })).status).toBe(400);
  });
});
