// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type BodyOf,
  CreateInvitation,
  GetMfaStatus,
  InvitationRegisterFinish,
  InvitationRegisterStart,
  ListInvitations,
  RevokeInvitation,
  VerifyInvitation,
} from "@obhut/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rid, seedAccount, type SeededAccount, staffKeyBundle } from "../helpers/factories";
import { DIALECTS } from "../helpers/databases";
import { apiAs, errorOf } from "../helpers/api";
import { manualClock, startTestServer, type TestServer } from "../helpers/server";
import { type SeededOrg, loginClient, prepareInvitedSignUp, seedOrg } from "./support";

const DAY = 24 * 3_600_000;
/** Leaves the display name out of the sign-up body. */
const NO_DISPLAY_NAME = Symbol("no display name");

describe.each(DIALECTS)("staff invitations (%s)", (dialect) => {
  const clock = manualClock();
  let server: TestServer;
  let org: SeededOrg;
  let admin: SeededAccount;

  beforeAll(async () => {
    server = await startTestServer({ dialect, clock });
    org = await seedOrg(server.ctx.db.db, clock.now());
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
  });
  afterAll(async () => server?.stop());

  async function invite(
    body: BodyOf<typeof CreateInvitation> = { role: "counsellor" },
  ): Promise<{ id: string; token: string }> {
    const res = await apiAs(server, admin).call(CreateInvitation, { params: { orgId: org.orgId }, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.invitation.id, token: res.body.token };
  }

  async function signUp(
    token: string,
    username = rid("u").toLowerCase(),
    keyBundle: unknown = staffKeyBundle(),
    displayName: unknown = "Frau Neumann",
  ) {
    const client = apiAs(server);
    const password = `pw ${rid("p")}`;
    const reg = await prepareInvitedSignUp(client, token, username, password);
    // Raw on purpose: the tests below also send bundles and display names the route's types do not allow.
    const { method, path } = InvitationRegisterFinish;
    const res = await client.callRaw(method, path, {
      token,
      username,
      ...(displayName === NO_DISPLAY_NAME ? {} : { displayName }),
      registrationRecord: reg.registrationRecord,
      keyBundle,
    });
    return { res, username, password };
  }

  it("signs up an invited counsellor once, with the invited role and team, and stores only the token's hash", async () => {
    const { id, token } = await invite({ role: "counsellor", teamId: org.teamId });
    const db = server.ctx.db.db;
    const row = await db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expires_at - row.created_at).toBe(7 * DAY);

    const verify = await apiAs(server).call(VerifyInvitation, { body: { token } });
    expect(verify.body).toEqual({
      organisationId: org.orgId,
      organisationName: "Träger",
      role: "counsellor",
      teamId: org.teamId,
      expiresAt: row.expires_at,
      needsGenesis: false,
    });

    const { res, username, password } = await signUp(token);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const account = (res.body as { account: { id: string; role: string; kind: string; organisationId: string } })
      .account;
    expect(account).toMatchObject({ role: "counsellor", kind: "staff", organisationId: org.orgId, username });
    const member = await db
      .selectFrom("team_members")
      .selectAll()
      .where("account_id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({ team_id: org.teamId, role: "member" });
    const stored = await db
      .selectFrom("accounts")
      .select("display_name")
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(stored.display_name).toBe("Frau Neumann");

    // Used up: verify, start and finish all refuse it now.
    const again = await apiAs(server).call(VerifyInvitation, { body: { token } });
    expect(again.status).toBe(403);
    expect(errorOf(again).code).toBe("invitation_invalid");
    const list = await apiAs(server, admin).call(ListInvitations, { params: { orgId: org.orgId } });
    expect(list.body.invitations.find((i) => i.id === id)?.status).toBe("used");
    const actions = await db
      .selectFrom("audit_events")
      .select("action")
      .where("organisation_id", "=", org.orgId)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted"]));

    // The new staff member can log in (and has to present a second factor next: see test/mfa).
    const session = await loginClient(server, username, password);
    expect((await session.api.call(GetMfaStatus)).body).toMatchObject({
      pending: true,
      required: true,
      totp: false,
      passkeys: 0,
    });
  });

  it("refuses a staff key bundle without the recovery wrap and keeps the link usable", async () => {
    const { token } = await invite();
    const bundle = { ...staffKeyBundle() } as Record<string, unknown>;
    delete bundle.masterWrapRecovery;
    const { res } = await signUp(token, undefined, bundle);
    expect(res.status).toBe(400);
    expect((await apiAs(server).call(VerifyInvitation, { body: { token } })).status).toBe(200);
  });

  it("requires a display name (trimmed, one line, at most 64 characters) and keeps the link usable without one", async () => {
    const { token } = await invite();
    for (const bad of [NO_DISPLAY_NAME, null, "", "   ", "a".repeat(65), "Anna\nBeispiel", "Anna\u202eBeispiel"]) {
      const { res } = await signUp(token, undefined, undefined, bad);
      expect(res.status, String(bad)).toBe(400);
    }
    const { res } = await signUp(token, undefined, undefined, "  Herr Roth  ");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { id } = (res.body as { account: { id: string } }).account;
    const row = await server.ctx.db.db
      .selectFrom("accounts")
      .select("display_name")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe("Herr Roth");
  });

  it("keeps the link usable when the name is taken", async () => {
    const { token } = await invite();
    const { res } = await signUp(token, admin.username);
    expect(res.status).toBe(409);
    expect((await signUp(token)).res.status).toBe(201);
  });

  it("lets exactly one of two concurrent sign-ups with the same link win", async () => {
    const { token } = await invite();
    const client = apiAs(server);
    const prepared = await Promise.all(
      [rid("a"), rid("b")].map(async (u) => {
        const username = u.toLowerCase();
        return { username, ...(await prepareInvitedSignUp(client, token, username, `pw ${u}`)) };
      }),
    );
    const results = await Promise.all(
      prepared.map((p) =>
        client.call(InvitationRegisterFinish, {
          body: {
            token,
            username: p.username,
            displayName: p.username,
            registrationRecord: p.registrationRecord,
            keyBundle: staffKeyBundle(),
          },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 403]);
    const created = await server.ctx.db.db
      .selectFrom("accounts")
      .select("id")
      .where(
        "username",
        "in",
        prepared.map((p) => p.username),
      )
      .execute();
    expect(created).toHaveLength(1);
  });

  it("expires after seven days by default (injected clock)", async () => {
    const { id, token } = await invite();
    const client = apiAs(server);
    clock.advance(7 * DAY - 1);
    expect((await client.call(VerifyInvitation, { body: { token } })).status).toBe(200);
    clock.advance(1);
    expect((await client.call(VerifyInvitation, { body: { token } })).status).toBe(403);
    const reg = await client.call(InvitationRegisterStart, {
      body: {
        token,
        username: "late-comer",
        registrationRequest: Buffer.alloc(32, 1).toString("base64url"),
      },
    });
    expect(reg.status).toBe(403);
    // Keep the admin's session alive across the jump for the listing (a real admin would have logged in again).
    const fresh = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });
    const list = await apiAs(server, fresh).call(ListInvitations, { params: { orgId: org.orgId } });
    expect(list.body.invitations.find((i) => i.id === id)?.status).toBe("expired");
    admin = fresh;
  });

  it("honours a shorter validity and revocation; a used invitation cannot be revoked", async () => {
    const short = await invite({ role: "dpo", expiresInHours: 1 });
    clock.advance(3_600_000);
    expect((await apiAs(server).call(VerifyInvitation, { body: { token: short.token } })).status).toBe(403);
    admin = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "org_admin", now: clock.now() });

    const revoked = await invite();
    expect(
      (await apiAs(server, admin).call(RevokeInvitation, { params: { orgId: org.orgId, invitationId: revoked.id } }))
        .status,
    ).toBe(204);
    expect(
      (await signUp(revoked.token).catch((e: Error) => ({ res: { status: e.message.includes("403") ? 403 : 0 } }))).res
        .status,
    ).toBe(403);

    const used = await invite();
    expect((await signUp(used.token)).res.status).toBe(201);
    const res = await apiAs(server, admin).call(RevokeInvitation, {
      params: { orgId: org.orgId, invitationId: used.id },
    });
    expect(res.status).toBe(409);
  });

  it("lets only organisation admins invite, and only to teams of their organisation", async () => {
    const counsellor = await seedAccount(server.ctx.db.db, { orgId: org.orgId, role: "counsellor", now: clock.now() });
    expect(
      (
        await apiAs(server, counsellor).call(CreateInvitation, {
          params: { orgId: org.orgId },
          body: {
            role: "org_admin",
          },
        })
      ).status,
    ).toBe(403);
    // Not a staff role at all, so not a body the typed client can send.
    const res = await apiAs(server, admin).callRaw("POST", `/api/organisations/${org.orgId}/invitations`, {
      role: "operator",
    });
    expect(res.status).toBe(400);
    const unknownTeam = await apiAs(server, admin).call(CreateInvitation, {
      params: { orgId: org.orgId },
      body: {
        role: "counsellor",
        teamId: "team-nonexistent",
      },
    });
    expect(unknownTeam.status).toBe(404);
  });
});
