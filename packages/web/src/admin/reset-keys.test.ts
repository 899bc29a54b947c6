// SPDX-License-Identifier: AGPL-3.0-or-later
import { currentTeamKeyGeneration, fromBase64Url, openArchiveKey, toBase64Url } from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import { confirmAdmin } from "./admin-keys";
import { type FakeServer, setup } from "./fake-key-server.test-util";
import { adoptResetKeys, certificationOwed } from "./reset-keys";
import { joinTeam } from "./team-ops";

/**
 * The administrator's half of a staff reset, with real crypto against the
 * in-memory key directory: the old key is revoked, the new one certified,
 * the team key rotated and handed to the new key with the team's history.
 */
const TEAM = "team-0000001";

const signing = (server: FakeServer, id: string) => toBase64Url(server.bundles.get(id)!.signing.publicKey);
const account = (server: FakeServer, id: string) => ({
  id,
  teams: [...server.members].filter(([, m]) => m.has(id)).map(([teamId]) => ({ teamId })),
});

async function withTeam() {
  const { server, first } = await setup();
  const anna = server.account("acc-anna-01");
  const ben = server.account("acc-ben-001");
  for (const id of [anna, ben]) {
    server.addToTeam(TEAM, id);
    await joinTeam(server.deps(first), { teamId: TEAM, accountId: id });
  }
  return { server, first, anna, ben };
}

describe("adopting a staff member's keys after a reset", () => {
  it("revokes the old key, certifies the new one, rotates the team key; history opens, the old key opens nothing new", async () => {
    const { server, first, anna, ben } = await withTeam();
    const oldKeys = server.bundles.get(anna)!;
    expect(certificationOwed(server.state(), account(server, anna), signing(server, anna))).toBe(false);

    server.reset(anna);
    const fresh = signing(server, anna);
    expect(certificationOwed(server.state(), account(server, anna), fresh)).toBe(true);
    // The reset member reads nothing until an administrator certifies the new key.
    await expect(server.ring(anna).teamKey(TEAM, 1)).rejects.toThrow();

    expect(
      await adoptResetKeys(server.deps(first), { account: account(server, anna), signingPublicKey: fresh }),
    ).toEqual({ teams: [TEAM], admin: false });
    const state = server.state();
    expect(certificationOwed(state, account(server, anna), fresh)).toBe(false);
    expect(state.retiredKeys.has(toBase64Url(oldKeys.signing.publicKey))).toBe(true);
    expect([...state.staff.values()].filter((k) => k.accountId === anna).map((k) => toBase64Url(k.signingKey))).toEqual(
      [fresh],
    );
    expect(currentTeamKeyGeneration(state, TEAM).generation).toBe(2);
    // The new key reads the current generation and, through it, the team's history; so does the colleague.
    expect((await server.ring(anna).teamKey(TEAM, 2)).generation).toBe(2);
    expect((await server.ring(anna).teamKey(TEAM, 1)).generation).toBe(1);
    expect((await server.ring(ben).teamKey(TEAM, 2)).generation).toBe(2);
    // Whoever holds the old key gets nothing of generation 2.
    expect(
      server.wraps
        .filter((w) => w.generation === 2 && w.kind === "team")
        .map((w) => w.recipientAccountId)
        .sort(),
    ).toEqual([first, anna, ben].sort());

    // Done is done: a second run appends nothing and uploads nothing.
    const [entries, wraps] = [server.log.length, server.wraps.length];
    await adoptResetKeys(server.deps(first), { account: account(server, anna), signingPublicKey: fresh });
    expect([server.log.length, server.wraps.length]).toEqual([entries, wraps]);
  });

  it("certifies only the key whose fingerprint was compared", async () => {
    const { server, first, anna } = await withTeam();
    const compared = toBase64Url(server.reset(anna).signing.publicKey);
    server.reset(anna); // the server now reports other keys than the ones compared
    const entries = server.log.length;
    await expect(
      adoptResetKeys(server.deps(first), { account: account(server, anna), signingPublicKey: compared }),
    ).rejects.toMatchObject({ code: "unknown_key" });
    expect(server.log.length).toBe(entries);
  });

  it("a confirmed administrator is confirmed again with the new key; the keys the old admin key opened are rotated", async () => {
    const { server, first, anna } = await withTeam();
    const second = server.account("acc-admin-2", true);
    await confirmAdmin(server.deps(first), { accountId: second });
    server.reset(second);
    const fresh = signing(server, second);

    expect(
      await adoptResetKeys(server.deps(first), { account: account(server, second), signingPublicKey: fresh }),
    ).toEqual({ teams: [], admin: true });
    const state = server.state();
    expect([...state.admins.values()].map((k) => [k.accountId, toBase64Url(k.signingKey)])).toEqual([
      [first, signing(server, first)],
      [second, fresh],
    ]);
    expect(state.archiveRotationOwed || state.rootRotationOwed).toBe(false);
    // The team key the old admin key held as custodian is rotated; the new key holds the new generation.
    expect(currentTeamKeyGeneration(state, TEAM).generation).toBe(2);
    expect((await server.ring(second).teamKey(TEAM, 2)).generation).toBe(2);
    expect((await server.ring(anna).teamKey(TEAM, 2)).generation).toBe(2);
    const archive = server.wrapsFor(second).find((w) => w.kind === "archive" && w.generation === 2)!;
    const secret = server.bundles.get(second)!.encryption.secretKey;
    expect((await openArchiveKey(secret, fromBase64Url(archive.blob), state, 2)).publicKey).toEqual(state.archiveKey);
  });
});
