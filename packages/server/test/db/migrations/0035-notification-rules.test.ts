// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0035-notification-rules", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000035", name: "Träger A", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000035", org: "org-00000035", username: "berater", role: "counsellor" });
    await seedAccount(db, { id: "acc-10000035", org: "org-00000035", username: "beraterin", role: "counsellor" });
    // One asked for a notice of new enquiries with the older switch, one did not.
    for (const [id, on] of [
      ["acc-00000035", 1],
      ["acc-10000035", 0],
    ] as const)
      await db.db
        .insertInto("notify_addresses")
        .values({
          account_id: id,
          address_sealed: "sealed",
          language: "de",
          confirmed_at: now,
          token_hash: null,
          token_expires_at: null,
          new_enquiry: on,
          created_at: now,
        })
        .execute();
    await db.db
      .insertInto("notification_settings")
      .values({ organisation_id: "org-00000035", sender_name: "Ihre Beratungsstelle", updated_at: now })
      .execute();
    await db.db
      .insertInto("quiet_hours")
      .values({ account_id: "acc-00000035", start_minute: 1320, end_minute: 420, time_zone: "UTC", updated_at: now })
      .execute();
  },
  assert: async (db) => {
    // The older switch became the rule (new_enquiry, email); nothing for the other.
    const rules = await db.db.selectFrom("notification_rules").selectAll().execute();
    expect(rules.map((r) => ({ ...r, enabled: Number(r.enabled) }))).toEqual([
      { account_id: "acc-00000035", kind: "new_enquiry", channel: "email", enabled: 1, updated_at: expect.anything() },
    ]);
    // Existing rows get the defaults: every channel on, clients' e-mail allowed, no waiting limit, no weekends.
    const org = await db.db.selectFrom("notification_settings").selectAll().executeTakeFirstOrThrow();
    expect({ ...org, email_enabled: Number(org.email_enabled), push_enabled: Number(org.push_enabled) }).toMatchObject({
      email_enabled: 1,
      push_enabled: 1,
      enquiry_wait_hours: null,
    });
    expect(Number(org.client_email)).toBe(1);
    expect(Number((await db.db.selectFrom("quiet_hours").select("weekends").executeTakeFirstOrThrow()).weekends)).toBe(
      0,
    );
    // One rule per person, kind and channel; gone with the account.
    await expect(
      db.db
        .insertInto("notification_rules")
        .values({ account_id: "acc-00000035", kind: "new_enquiry", channel: "email", enabled: 0, updated_at: now })
        .execute(),
    ).rejects.toThrow();
    await db.db.deleteFrom("quiet_hours").execute();
    await db.db.deleteFrom("notify_addresses").execute();
    await db.db.deleteFrom("accounts").where("id", "=", "acc-00000035").execute();
    expect(await db.db.selectFrom("notification_rules").selectAll().execute()).toEqual([]);
  },
});
