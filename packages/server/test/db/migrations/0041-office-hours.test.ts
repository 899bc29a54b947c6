// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0041-office-hours", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000041", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000041", org: "org-00000041", username: "berater", role: "counsellor" });
    await db.db
      .insertInto("notification_settings")
      .values({ organisation_id: "org-00000041", sender_name: "Ihre Beratungsstelle", updated_at: now })
      .execute();
    await db.db
      .insertInto("notification_deferred")
      .values({ id: "notice-1", account_id: "acc-00000041", channel: "email", kind: "new_answer", deferred_at: now })
      .execute();
  },
  assert: async (db) => {
    // Existing organisations have no office hours; a held notice from before has no end of its hold.
    expect(await db.db.selectFrom("notification_settings").selectAll().executeTakeFirstOrThrow()).toMatchObject({
      office_days: null,
      office_start_minute: null,
      office_end_minute: null,
      office_time_zone: null,
    });
    expect(
      await db.db.selectFrom("notification_deferred").select(["id", "held_until"]).executeTakeFirstOrThrow(),
    ).toEqual({ id: "notice-1", held_until: null });
    await db.db
      .updateTable("notification_settings")
      .set({ office_days: "1,2,3,4,5", office_start_minute: 540, office_end_minute: 960, office_time_zone: "UTC" })
      .execute();
    const row = await db.db.selectFrom("notification_settings").selectAll().executeTakeFirstOrThrow();
    expect([row.office_days, Number(row.office_start_minute), Number(row.office_end_minute)]).toEqual([
      "1,2,3,4,5",
      540,
      960,
    ]);
    await db.db
      .updateTable("notification_deferred")
      .set({ held_until: now + 3 * 24 * 60 * 60_000 })
      .execute();
    expect(
      Number(
        (await db.db.selectFrom("notification_deferred").select("held_until").executeTakeFirstOrThrow()).held_until,
      ),
    ).toBe(now + 3 * 24 * 60 * 60_000);
  },
});
