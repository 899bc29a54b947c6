// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0034-quiet-hours", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000034", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000034", org: "org-00000034", username: "berater", role: "counsellor" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("quiet_hours")
      .values({
        account_id: "acc-00000034",
        start_minute: 22 * 60,
        end_minute: 7 * 60,
        time_zone: "Europe/Berlin",
        updated_at: now,
      })
      .execute();
    // One row per account.
    await expect(
      db.db
        .insertInto("quiet_hours")
        .values({ account_id: "acc-00000034", start_minute: 0, end_minute: 60, time_zone: "UTC", updated_at: now })
        .execute(),
    ).rejects.toThrow();
    await db.db
      .insertInto("notification_deferred")
      .values({ id: "k-1", account_id: "acc-00000034", channel: "email", kind: "new_enquiry", deferred_at: now })
      .execute();
    const row = await db.db.selectFrom("quiet_hours").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ start_minute: 1320, end_minute: 420, time_zone: "Europe/Berlin" });
    // Both go with the account.
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000034").execute();
    expect(await db.db.selectFrom("quiet_hours").selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom("notification_deferred").selectAll().execute()).toEqual([]);
  },
});
