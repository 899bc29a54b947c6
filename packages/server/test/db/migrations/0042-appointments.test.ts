// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedConversation, seedOrganisation } from "./harness";

describeMigration("0042-appointments", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000042", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000042", org: "org-00000042", username: "berater", role: "counsellor" });
    await seedAccount(db, { id: "acc-0000042c", username: "fuchs", role: "client" });
    await sql`insert into agencies (id, organisation_id, name, created_at) values ('agy-00000042', 'org-00000042', 'Stelle', ${now})`.execute(
      db.db,
    );
    await sql`insert into topics (id, organisation_id, slug, name, created_at) values ('top-00000042', 'org-00000042', 'familie', 'Familie', ${now})`.execute(
      db.db,
    );
    await sql`insert into teams (id, organisation_id, agency_id, name, is_intake, created_at) values ('team-0000042', 'org-00000042', 'agy-00000042', 'Team', 0, ${now})`.execute(
      db.db,
    );
    await seedConversation(db, { id: "cv-00000042", org: "org-00000042", kind: "case", creator: "acc-0000042c" });
    await sql`insert into cases (id, organisation_id, conversation_id, agency_id, topic_id, team_id, client_id, assignee_id, state, created_at) values ('case-0000042', 'org-00000042', 'cv-00000042', 'agy-00000042', 'top-00000042', 'team-0000042', 'acc-0000042c', 'acc-00000042', 'active', ${now})`.execute(
      db.db,
    );
  },
  assert: async (db) => {
    const slot = {
      id: "slot-1",
      organisation_id: "org-00000042",
      counsellor_id: "acc-00000042",
      weekday: 1,
      start_minute: 600,
      end_minute: 720,
      slot_minutes: 30,
      kinds: "video,phone",
      time_zone: "Europe/Berlin",
      created_at: now,
    };
    await db.db.insertInto("appointment_slots").values(slot).execute();
    // A window ends after it starts; weekdays are 0–6.
    await expectRefused(db.db.insertInto("appointment_slots").values({ ...slot, id: "slot-2", end_minute: 600 }));
    await expectRefused(db.db.insertInto("appointment_slots").values({ ...slot, id: "slot-3", weekday: 7 }));
    const dayOff = { organisation_id: "org-00000042", counsellor_id: "acc-00000042", day: "2026-12-24" };
    await db.db.insertInto("appointment_days_off").values(dayOff).execute();
    await expectRefused(db.db.insertInto("appointment_days_off").values(dayOff));
    const appointment = {
      id: "appt-1",
      organisation_id: "org-00000042",
      counsellor_id: "acc-00000042",
      case_id: "case-0000042",
      starts_at: now + 3_600_000,
      ends_at: now + 5_400_000,
      kind: "video" as const,
      booked_by: "acc-0000042c",
      created_at: now,
    };
    await db.db.insertInto("appointments").values(appointment).execute();
    // The double-booking guard: one appointment per counsellor and start; only the known kinds.
    await expectRefused(db.db.insertInto("appointments").values({ ...appointment, id: "appt-2" }));
    await expectRefused(
      db.db.insertInto("appointments").values({ ...appointment, id: "appt-3", starts_at: now, kind: "chat" as never }),
    );
    await db.db
      .insertInto("calendar_feeds")
      .values({ account_id: "acc-00000042", organisation_id: "org-00000042", token_hash: "h1", created_at: now })
      .execute();
    // Appointments go with their case; availability and the feed with the counsellor's account.
    await db.db.deleteFrom("cases").where("id", "=", "case-0000042").execute();
    expect(await db.db.selectFrom("appointments").selectAll().execute()).toEqual([]);
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000042").execute();
    for (const table of ["appointment_slots", "appointment_days_off", "calendar_feeds"] as const)
      expect(await db.db.selectFrom(table).selectAll().execute()).toEqual([]);
  },
});
