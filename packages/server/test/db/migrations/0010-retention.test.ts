// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation, seedSession } from "./harness";

describeMigration("0010-retention", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000010", name: "Träger J", rootPublicKey: null });
    await seedAccount(db, { id: "acc-0000010a", username: "igel", role: "client" });
    await seedAccount(db, { id: "acc-0000010b", username: "otter", role: "client" });
    await seedSession(db, {
      id: "ses-0000010",
      account: "acc-0000010a",
      tokenHash: "h",
      createdAt: now + 5000,
      lastSeenAt: now + 6000,
      expiresAt: now + 9000,
    });
  },
  assert: async (db) => {
    // Last login: the newest session where there is one, else the account's creation.
    const accounts = await db.db
      .selectFrom("accounts")
      .select(["id", "last_login_at"])
      .where("id", "in", ["acc-0000010a", "acc-0000010b"])
      .orderBy("id")
      .execute();
    expect(accounts.map((a) => [a.id, Number(a.last_login_at)])).toEqual([
      ["acc-0000010a", now + 5000],
      ["acc-0000010b", now],
    ]);
    const rule = {
      scope: "org-00000010",
      data_class: "closed_cases",
      period_days: 730,
      updated_by: null,
      updated_at: now,
    };
    await db.db.insertInto("retention_rules").values(rule).execute();
    await expectRefused(db.db.insertInto("retention_rules").values({ ...rule, period_days: 1 }));
    await db.db
      .insertInto("legal_holds")
      .values({
        id: "hold-0000010",
        organisation_id: "org-00000010",
        case_id: "case-not-yet-there",
        reason: "Anfrage Jugendamt, Az. 1/26",
        set_by: null,
        set_at: now,
        released_by: null,
        released_at: null,
      })
      .execute();
    await db.db.insertInto("pending_blob_deletions").values({ blob_id: "att-0000010", created_at: now }).execute();
    await db.db
      .insertInto("audit_prunes")
      .values({ chain: "org-00000010", seq: 5, hash: "h", signature: "s", public_key: "k", created_at: now })
      .execute();
    const prune = await db.db.selectFrom("audit_prunes").selectAll().executeTakeFirstOrThrow();
    expect(Number(prune.seq)).toBe(5);
  },
});
