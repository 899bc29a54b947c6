// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now, seedOrganisation } from "./harness";

describeMigration("0002-auth", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000002", name: "Träger B" });
  },
  assert: async (db) => {
    const org = await db.db
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", "org-00000002")
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: "Träger B", root_public_key: null, created_at: now });
    await db.db
      .insertInto("login_states")
      .values({ id: "ls-00000001", account_id: null, username_key: "k", server_login_state: "s", expires_at: now })
      .execute();
    await db.db.insertInto("auth_failures").values({ key: "k", window_start: now, count: 1 }).execute();
  },
});
