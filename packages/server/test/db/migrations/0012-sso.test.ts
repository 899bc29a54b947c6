// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation, seedSession } from "./harness";

describeMigration("0012-sso", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000012", name: "Träger L", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000012", org: "org-00000012", username: "lena", role: "counsellor" });
    await seedSession(db, { id: "ses-00000012", account: "acc-00000012", tokenHash: "h12", expiresAt: now + 1000 });
  },
  assert: async (db) => {
    // Sessions from before SSO are normal sessions.
    const session = await db.db
      .selectFrom("sessions")
      .selectAll()
      .where("id", "=", "ses-00000012")
      .executeTakeFirstOrThrow();
    expect(session.password_pending).toBe(0);
    await db.db
      .insertInto("sso_configs")
      .values({
        organisation_id: "org-00000012",
        issuer: "https://idp.example.org",
        client_id: "obhut",
        client_secret_enc: "sealed",
        scopes: "openid groups",
        groups_claim: "groups",
        role_mapping: "[]",
        required: 0,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    const identity = {
      organisation_id: "org-00000012",
      issuer: "https://idp.example.org",
      subject: "s-1",
      account_id: "acc-00000012",
      created_at: now,
      last_login_at: null,
    };
    await db.db.insertInto("sso_identities").values(identity).execute();
    // One account per subject, one subject per account.
    await expectRefused(db.db.insertInto("sso_identities").values({ ...identity, subject: "s-2" }));
    await db.db
      .insertInto("sso_states")
      .values({
        id: "st-12",
        organisation_id: "org-00000012",
        purpose: "login",
        nonce: "n",
        code_verifier: "v",
        browser_hash: "b",
        session_id: null,
        account_id: null,
        expires_at: now + 600_000,
      })
      .execute();
    await db.db
      .insertInto("sso_logins")
      .values({ session_id: "ses-00000012", account_id: "acc-00000012", mapped_role: null, expires_at: now })
      .execute();
    const state = await db.db.selectFrom("sso_states").select("expires_at").executeTakeFirstOrThrow();
    expect(Number(state.expires_at)).toBe(now + 600_000);
  },
});
