// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { columnNames, describeMigration, seedAccount, seedConversation, seedOrganisation } from "./harness";

describeMigration("0026-chat-titles", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000026", name: "Träger T", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000026", org: "org-00000026", username: "taube", role: "counsellor" });
    await seedConversation(db, { id: "conv-titled", org: "org-00000026", kind: "team", creator: "acc-00000026" });
  },
  assert: async (db) => {
    expect(await columnNames(db, "conversations")).toEqual(expect.arrayContaining(["title_envelope"]));
    // Existing chats have no title; a sealed one is stored and read back byte for byte.
    const before = await db.db
      .selectFrom("conversations")
      .select("title_envelope")
      .where("id", "=", "conv-titled")
      .executeTakeFirstOrThrow();
    expect(before.title_envelope).toBeNull();
    const sealed = new Uint8Array([7, 0, 255, 42]);
    await db.db.updateTable("conversations").set({ title_envelope: sealed }).where("id", "=", "conv-titled").execute();
    const after = await db.db
      .selectFrom("conversations")
      .select("title_envelope")
      .where("id", "=", "conv-titled")
      .executeTakeFirstOrThrow();
    expect(new Uint8Array(after.title_envelope!)).toEqual(sealed);
  },
});
