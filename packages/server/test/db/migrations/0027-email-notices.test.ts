// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0027-email-notices", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000027", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000027", org: "org-00000027", username: "berater", role: "counsellor" });
  },
  assert: async (db) => {
    await sql`insert into notify_addresses (account_id, address_sealed, language, confirmed_at, token_hash, token_expires_at, created_at)
      values ('acc-00000027', 'sealed', 'de', null, 'hash', ${now + 1000}, ${now})`.execute(db.db);
    const row = await db.db.selectFrom("notify_addresses").selectAll().executeTakeFirstOrThrow();
    // Staff are not told of new enquiries unless they choose it.
    expect(row).toMatchObject({ account_id: "acc-00000027", confirmed_at: null, new_enquiry: 0 });
    await db.db
      .insertInto("notification_deliveries")
      .values({
        id: "ev:acc-00000027:email",
        account_id: "acc-00000027",
        kind: "new_answer",
        channel: "email",
        sent_at: now,
      })
      .execute();
    // The idempotency key is unique: a second row for the same event, recipient and channel is refused.
    await expect(
      db.db
        .insertInto("notification_deliveries")
        .values({
          id: "ev:acc-00000027:email",
          account_id: "acc-00000027",
          kind: "new_answer",
          channel: "email",
          sent_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    await db.db
      .insertInto("notification_settings")
      .values({ organisation_id: "org-00000027", sender_name: "Ihre Beratungsstelle", updated_at: now })
      .execute();
    // The address goes with its account.
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000027").execute();
    expect(await db.db.selectFrom("notify_addresses").selectAll().execute()).toEqual([]);
  },
});
