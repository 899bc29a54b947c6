// SPDX-License-Identifier: AGPL-3.0-or-later
import { expect } from "vitest";
import { describeMigration, expectRefused, now, seedAccount, seedOrganisation, seedSession } from "./harness";

describeMigration("0007-staff-and-sessions", {
  seed: async (db) => {
    await seedOrganisation(db, { id: "org-00000007", name: "Träger G", rootPublicKey: null });
    await seedAccount(db, { id: "acc-00000007", org: "org-00000007", username: "gabi", role: "counsellor" });
    await seedSession(db, { id: "ses-00000007", account: "acc-00000007", tokenHash: "h7", expiresAt: now + 1000 });
  },
  assert: async (db) => {
    // Sessions opened before the rule existed stay fully authenticated.
    const session = await db.db
      .selectFrom("sessions")
      .selectAll()
      .where("id", "=", "ses-00000007")
      .executeTakeFirstOrThrow();
    expect(session.mfa_pending).toBe(0);
    const invitation = {
      id: "inv-00000007",
      organisation_id: "org-00000007",
      role: "counsellor",
      team_id: null,
      token_hash: "th7",
      created_by: null,
      created_at: now,
      expires_at: now + 1,
      used_at: null,
      used_by: null,
      revoked_at: null,
    };
    await db.db.insertInto("invitations").values(invitation).execute();
    // A token hash is unique.
    await expectRefused(db.db.insertInto("invitations").values({ ...invitation, id: "inv-00000008", role: "dpo" }));
    await db.db
      .insertInto("organisation_policies")
      .values({
        organisation_id: "org-00000007",
        role: "counsellor",
        idle_ms: 1,
        absolute_ms: 2,
        mfa_required: 1,
        updated_by: null,
        updated_at: now,
      })
      .execute();
    await db.db
      .insertInto("mfa_totp")
      .values({
        account_id: "acc-00000007",
        secret_enc: "x",
        confirmed_at: null,
        last_time_step: 59_000_000_000,
        created_at: now,
      })
      .execute();
    await db.db
      .insertInto("webauthn_credentials")
      .values({
        id: "cred-0000007",
        account_id: "acc-00000007",
        public_key: "pk",
        counter: 0,
        transports: "[]",
        created_at: now,
        last_used_at: null,
      })
      .execute();
    await db.db
      .insertInto("mfa_challenges")
      .values({
        id: "ch-00000007",
        session_id: "ses-00000007",
        kind: "webauthn-register",
        challenge: "c",
        expires_at: now,
      })
      .execute();
    const totp = await db.db.selectFrom("mfa_totp").select("last_time_step").executeTakeFirstOrThrow();
    expect(totp.last_time_step).toBe(59_000_000_000);
  },
});
