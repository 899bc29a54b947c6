// SPDX-License-Identifier: AGPL-3.0-or-later
import { sql } from "kysely";
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0020-kept-client-devices", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000020", name: "Träger K", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000020", org: "org-00000020", username: "kira", role: "counsellor" });
    await sql`insert into sessions (id, account_id, token_hash, created_at, last_seen_at, expires_at)
      values ('ses-00000020', 'acc-00000020', 'hash-00000020', ${now}, ${now}, ${now + 3600_000})`.execute(db.db);
    await sql`insert into device_keys (id, account_id, wrap, created_at, last_used_at)
      values ('dev-00000020', 'acc-00000020', 'wrap', ${now}, ${now})`.execute(db.db);
  },
  assert: async (db) => {
    // Existing (staff) devices and sessions keep their meaning: no login of their own, the role's limit.
    const device = await db.db.selectFrom("device_keys").selectAll().executeTakeFirstOrThrow();
    expect(device.session_id).toBeNull();
    const session = await db.db.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
    expect(session.idle_ms).toBeNull();
    await db.db
      .updateTable("sessions")
      .set({ idle_ms: 720 * 60_000 })
      .execute();
    await db.db.updateTable("device_keys").set({ session_id: "ses-00000020" }).execute();
    expect(
      await db.db.selectFrom("device_keys").select("id").where("session_id", "=", "ses-00000020").execute(),
    ).toEqual([{ id: "dev-00000020" }]);
    const policy = { organisation_id: "org-00000020", idle_ms: 60 * 60_000, updated_by: null, updated_at: now };
    await db.db.insertInto("client_device_policies").values(policy).execute();
    expect(
      Number((await db.db.selectFrom("client_device_policies").selectAll().executeTakeFirstOrThrow()).idle_ms),
    ).toBe(3600_000);
    // One limit per organisation, and only for one that exists.
    await expectRefused(db.db.insertInto("client_device_policies").values(policy));
    await expectRefused(
      db.db.insertInto("client_device_policies").values({ ...policy, organisation_id: "org-missing" }),
    );
  },
});
