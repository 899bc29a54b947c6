// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  currentArchiveGeneration,
  currentRootGeneration,
  fromBase64Url,
  openArchiveKey,
  openOrgRootKey,
} from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import {
  adminEntries,
  confirmAdmin,
  removeAdmin,
  rotateOrgKeysIfOwed,
  rotateTeamsAfterAdminRemoval,
} from "./admin-keys";
import { type FakeServer, ORG, setup } from "./fake-key-server.test-util";
import { OrgLogWriter } from "./org-log-writer";
import { joinTeam, offboard } from "./team-ops";

/**
 * Several administrators with real crypto against an in-memory server that
 * keeps only entries that verify and stores each wrap slot once
 * (fake-key-server.test-util.ts): confirm a second admin, who then adds a
 * member; remove the first, rotate the archive key.
 */

const accounts = (server: FakeServer) =>
  [...server.bundles.keys()].map((id) => ({
    id,
    username: id,
    displayName: null,
    role: server.active.has(id) ? "org_admin" : "counsellor",
    createdAt: 0,
    disabledAt: null,
    teams: [],
    secondFactor: { totp: false, passkeys: 0 },
  }));

describe("several administrators", () => {
  it("a pending admin becomes confirmed, holds every organisation and team key, and adds a member", async () => {
    const { server, first, genesis } = await setup();
    const team = "team-0000001";
    const anna = server.account("acc-anna-01");
    server.addToTeam(team, anna);
    await joinTeam(server.deps(first), { teamId: team, accountId: anna });

    const second = server.account("acc-admin-2", true);
    expect(adminEntries(server.state(), accounts(server)).map((a) => [a.account.id, a.confirmed])).toEqual([
      [first, true],
      [second, false],
    ]);
    // Pending: their own browser cannot sign (what the console showed as bad_signature before).
    const ben = server.account("acc-ben-001");
    server.addToTeam(team, ben);
    await expect(joinTeam(server.deps(second), { teamId: team, accountId: ben })).rejects.toMatchObject({
      code: "bad_signature",
    });

    expect(await confirmAdmin(server.deps(first), { accountId: second })).toEqual({ teams: 1 });
    const state = server.state();
    expect(adminEntries(state, accounts(server)).every((a) => a.confirmed)).toBe(true);
    expect([...state.staff.values()].map((k) => k.accountId)).toContain(second);
    const secret = server.bundles.get(second)!.encryption.secretKey;
    const mine = server.wrapsFor(second);
    const root = await openOrgRootKey(secret, fromBase64Url(mine.find((w) => w.kind === "org-root")!.blob), state);
    expect(root.publicKey).toEqual(genesis.root.publicKey);
    const archive = mine.find((w) => w.kind === "archive" && w.generation === 1)!;
    expect((await openArchiveKey(secret, fromBase64Url(archive.blob), state, 1)).publicKey).toEqual(state.archiveKey);
    expect((await server.ring(second).teamKey(team, 1)).generation).toBe(1);

    // A repeated confirmation adds nothing.
    const entries = server.log.length;
    const wraps = server.wraps.length;
    await confirmAdmin(server.deps(first), { accountId: second });
    expect([server.log.length, server.wraps.length]).toEqual([entries, wraps]);

    // Now the second admin can do key operations: Ben joins, and opens the team key.
    await joinTeam(server.deps(second), { teamId: team, accountId: ben });
    expect((await server.ring(ben).teamKey(team, 1)).generation).toBe(1);
  });

  it("removing an admin: admin-removed, new archive and team key generations for the others only, the former admin signs nothing", async () => {
    const { server, first } = await setup();
    const team = "team-0000002";
    const anna = server.account("acc-anna-02");
    server.addToTeam(team, anna);
    await joinTeam(server.deps(first), { teamId: team, accountId: anna });
    const second = server.account("acc-admin-2", true);
    await confirmAdmin(server.deps(first), { accountId: second });

    server.active.delete(first); // the server deactivated the first admin
    const offboarded = await offboard(server.deps(second), { accountId: first });
    // Not a member anywhere, but custodian of Anna's team key: that one rotates too.
    expect(offboarded.teams).toEqual([]);
    expect(await rotateTeamsAfterAdminRemoval(server.deps(second))).toEqual([team]);
    await expect(server.ring(first).teamKey(team, 2)).rejects.toThrow();
    expect((await server.ring(anna).teamKey(team, 2)).generation).toBe(2);
    expect((await server.ring(second).teamKey(team, 2)).generation).toBe(2);
    expect(server.state().archiveRotationOwed).toBe(true);
    expect(await rotateOrgKeysIfOwed(server.deps(second))).toEqual({ archive: 2, root: 2 });
    expect(await rotateOrgKeysIfOwed(server.deps(second))).toEqual({ archive: null, root: null });

    const state = server.state();
    expect([...state.admins.values()].map((k) => k.accountId)).toEqual([second]);
    expect(currentArchiveGeneration(state).generation).toBe(2);
    const g2 = server.wraps.filter((w) => w.kind === "archive" && w.generation === 2);
    expect(g2.map((w) => w.recipientAccountId)).toEqual([second]);
    const secret = server.bundles.get(second)!.encryption.secretKey;
    expect((await openArchiveKey(secret, fromBase64Url(g2[0]!.blob), state, 2)).publicKey).toEqual(state.archiveKey);

    await expect(
      server.deps(first).log.apply(() => [{ type: "team-created", teamId: "team-evil01" }]),
    ).rejects.toMatchObject({ code: "bad_signature" });
    // The root key handed on: generation 2 only for the second admin; the first admin's copy of the old root
    // (which a removed admin may have kept) signs nothing the log accepts any more.
    const r2 = server.wraps.filter((w) => w.kind === "org-root" && w.generation === 2);
    expect(r2.map((w) => w.recipientAccountId)).toEqual([second]);
    const newRoot = await openOrgRootKey(secret, fromBase64Url(r2[0]!.blob), state, 2);
    expect(newRoot.publicKey).toEqual(currentRootGeneration(state).publicKey);
    const oldRootWrap = server.wraps.find((w) => w.kind === "org-root" && w.recipientAccountId === first)!;
    const firstSecret = server.bundles.get(first)!.encryption.secretKey;
    const oldRoot = await openOrgRootKey(firstSecret, fromBase64Url(oldRootWrap.blob), state, 1);
    const forged = new OrgLogWriter(
      {
        page: async () => ({ entries: server.log.map((entry, seq) => ({ seq, entry })), hasMore: false }),
        append: async () => {},
        isConflict: () => false,
      },
      ORG,
      oldRoot,
    );
    await expect(forged.apply(() => [{ type: "team-created", teamId: "team-evil02" }])).rejects.toMatchObject({
      code: "bad_signature",
    });
  });

  it("demotion: the admin key is retired, the person stays certified staff and can still join a team", async () => {
    const { server, first } = await setup();
    const second = server.account("acc-admin-2", true);
    await confirmAdmin(server.deps(first), { accountId: second });
    server.active.delete(second); // the server changed the role
    await removeAdmin(server.deps(first), { accountId: second });
    await removeAdmin(server.deps(first), { accountId: second }); // a repeat appends nothing
    expect(await rotateOrgKeysIfOwed(server.deps(first))).toEqual({ archive: 2, root: 2 });
    const state = server.state();
    expect([...state.admins.values()].map((k) => k.accountId)).toEqual([first]);
    expect([...state.staff.values()].map((k) => k.accountId)).toContain(second);
    const team = "team-0000003";
    server.addToTeam(team, second);
    await joinTeam(server.deps(first), { teamId: team, accountId: second });
    expect((await server.ring(second).teamKey(team, 1)).generation).toBe(1);
    // Confirming the same key again is refused: a retired admin key never returns.
    server.active.add(second);
    await expect(confirmAdmin(server.deps(first), { accountId: second })).rejects.toMatchObject({
      code: "invalid_transition",
    });
  });
});
