// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0032-push-and-bell", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000032", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000032", org: "org-00000032", username: "berater", role: "counsellor" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("device_keys")
      .values({
        id: "dev-00000032",
        account_id: "acc-00000032",
        wrap: "w",
        created_at: now,
        last_used_at: now,
        session_id: null,
      })
      .execute();
    const subscription = {
      account_id: "acc-00000032",
      device_id: "dev-00000032",
      session_id: "ses-00000032",
      endpoint: "https://push.example/abc",
      p256dh: "k",
      auth: "a",
      created_at: now,
      last_sent_at: null,
    };
    await db.db
      .insertInto("push_subscriptions")
      .values({ id: "sub-1", ...subscription })
      .execute();
    // One row per endpoint: a browser is subscribed once.
    await expect(
      db.db
        .insertInto("push_subscriptions")
        .values({ id: "sub-2", ...subscription })
        .execute(),
    ).rejects.toThrow();
    // The subscription goes with the kept device it was made on.
    await db.db.deleteFrom("device_keys").where("id", "=", "dev-00000032").execute();
    expect(await db.db.selectFrom("push_subscriptions").selectAll().execute()).toEqual([]);

    const entry = {
      account_id: "acc-00000032",
      organisation_id: "org-00000032",
      kind: "new_enquiry" as const,
      case_id: null,
      created_at: now,
      read_at: null,
    };
    await db.db
      .insertInto("staff_notifications")
      .values({ id: "n-1", ...entry })
      .execute();
    const row = await db.db.selectFrom("staff_notifications").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: "n-1", kind: "new_enquiry", read_at: null });
    // The bell goes with its account.
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000032").execute();
    expect(await db.db.selectFrom("staff_notifications").selectAll().execute()).toEqual([]);
  },
});
