// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation } from "./harness";

describeMigration("0004-keys", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000004", name: "Träger D", rootPublicKey: "pk" });
    await seedAccount(db, { id: "acc-00000004", org: "org-00000004", username: "dora", role: "org_admin" });
  },
  assert: async (db) => {
    await db.db
      .insertInto("org_log_entries")
      .values({ organisation_id: "org-00000004", seq: 0, hash: "h0", entry: "e0", created_at: now })
      .execute();
    // The primary key (organisation, seq) is what lets only one of two concurrent appends win.
    await expectRefused(
      db.db
        .insertInto("org_log_entries")
        .values({ organisation_id: "org-00000004", seq: 0, hash: "h1", entry: "e1", created_at: now }),
    );
    const wrap = {
      organisation_id: "org-00000004",
      recipient_account_id: "acc-00000004",
      kind: "org-root" as const,
      ref_id: "org-00000004",
      generation: 1,
      blob: "b",
      slot: "org-root|org-00000004|1|acc-00000004",
      created_by: "acc-00000004",
      created_at: now,
    };
    await db.db
      .insertInto("key_wraps")
      .values({ id: "kw-00000001", ...wrap })
      .execute();
    await expectRefused(db.db.insertInto("key_wraps").values({ id: "kw-00000002", ...wrap }));
    await db.db
      .insertInto("recovery_states")
      .values({ id: "rs-00000001", account_id: null, username_key: "k", challenge: "c", expires_at: now })
      .execute();
    await db.db
      .insertInto("account_resets")
      .values({
        id: "ar-00000001",
        organisation_id: "org-00000004",
        account_id: "acc-00000004",
        token_hash: "t",
        created_by: "acc-00000004",
        created_at: now,
        expires_at: now,
        used_at: null,
      })
      .execute();
    const entry = await db.db.selectFrom("org_log_entries").selectAll().executeTakeFirstOrThrow();
    expect(Number(entry.seq)).toBe(0);
    expect(
      await db.db.selectFrom("accounts").select("username").where("id", "=", "acc-00000004").executeTakeFirstOrThrow(),
    ).toEqual({ username: "dora" });
  },
});
