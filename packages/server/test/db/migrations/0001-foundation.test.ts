// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, now } from "./harness";

describeMigration("0001-foundation", {
  assert: async (db) => {
    await db.db
      .insertInto("organisations")
      .values({ id: "org-00000001", name: "Träger A", created_at: now } as never)
      .execute();
    await db.db
      .insertInto("accounts")
      .values({
        id: "acc-00000001",
        organisation_id: "org-00000001",
        username: "anna",
        kind: "staff",
        role: "org_admin",
        opaque_record: "r",
        key_bundle: "{}",
        created_at: now,
        disabled_at: null,
      })
      .execute();
    await db.db
      .insertInto("blobs")
      .values({ id: "blob-0000001", chunk: 0, data: new Uint8Array([0, 1, 255]), created_at: now })
      .execute();
    const blob = await db.db.selectFrom("blobs").select("data").executeTakeFirstOrThrow();
    expect([...blob.data]).toEqual([0, 1, 255]);
    const inserted = await db.db
      .insertInto("audit_events")
      .values({
        organisation_id: null,
        actor_id: null,
        action: "x",
        target_type: null,
        target_id: null,
        data: "{}",
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(typeof inserted.id).toBe("number");
  },
});
