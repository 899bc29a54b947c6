// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  createAccountKeys,
  decodeOrgLogEntry,
  fromBase64Url,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import type { KeyWrapView, NewKeyWrap } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { StaffKeyring } from "../messaging/team-keys";
import { createGenesis } from "../setup-crypto/genesis";
import { OrgLogWriter } from "./org-log-writer";
import { joinTeam, leaveTeam, offboard, type TeamOpsDeps } from "./team-ops";

/**
 * The admin's team operations against an in-memory server that behaves
 * like the real one where it matters: the log only grows by entries that
 * verify, a wrap slot is stored once. Members read their keys with the real
 * staff key ring.
 */
class FakeServer {
  log: string[] = [];
  wraps: KeyWrapView[] = [];
  members = new Map<string, Set<string>>();
  bundles = new Map<string, AccountKeys>();
  conflictNext = false;

  transport() {
    return {
      page: async (after: number | undefined) => ({
        entries: this.log.map((entry, seq) => ({ seq, entry })).filter((e) => after === undefined || e.seq > after),
        hasMore: false,
      }),
      append: async (entry: string) => {
        if (this.conflictNext) {
          this.conflictNext = false;
          throw new Error("conflict");
        }
        verifyOrgLog([...this.log, entry].map((e) => decodeOrgLogEntry(fromBase64Url(e))));
        this.log.push(entry);
      },
      isConflict: (e: unknown) => e instanceof Error && e.message === "conflict",
    };
  }

  upload(wraps: NewKeyWrap[], by: string) {
    for (const w of wraps) {
      if (
        this.wraps.some(
          (x) =>
            x.kind === w.kind &&
            x.refId === w.refId &&
            x.generation === w.generation &&
            x.recipientAccountId === w.recipientAccountId,
        )
      )
        throw new Error("conflict");
      this.wraps.push({ ...w, id: `w${this.wraps.length}-0000`, organisationId: "org", createdBy: by, createdAt: 0 });
    }
  }

  /** As GET /api/keys/wraps: own wraps plus history wraps of teams one holds a key of. */
  wrapsFor(accountId: string): KeyWrapView[] {
    const own = this.wraps.filter((w) => w.recipientAccountId === accountId);
    const teams = new Set(own.filter((w) => w.kind === "team").map((w) => w.refId));
    return [...own, ...this.wraps.filter((w) => w.kind === "team-previous" && teams.has(w.refId))];
  }

  ring(id: string) {
    const orgId = verifyOrgLog(this.log.map((e) => fromBase64Url(e))).orgId;
    return new StaffKeyring(
      { accountId: id, keys: this.bundles.get(id)! },
      {
        orgState: async () => verifyOrgLog(this.log.map((e) => fromBase64Url(e))),
        keyWraps: async () => this.wrapsFor(id),
        caseTeamWraps: async () => [],
        epochs: async () => ({ epochs: [], wraps: [] }),
        clientSigningKey: async () => (orgId ? null : null),
      },
    );
  }
}

async function setup() {
  const server = new FakeServer();
  const admin = { id: "acc-admin-1", keys: createAccountKeys() };
  const genesis = await createGenesis({ account: admin.keys, accountId: admin.id, organisationId: "org-0000001" });
  server.log.push(...genesis.orgLog);
  server.bundles.set(admin.id, admin.keys);
  const adminRing = server.ring(admin.id);
  const deps: TeamOpsDeps = {
    log: new OrgLogWriter(server.transport(), "org-0000001", admin.keys.signing, () => 1),
    teamKey: (teamId, g) => adminRing.teamKey(teamId, g),
    refresh: () => adminRing.refresh(),
    publicKeys: async (id) => {
      const k = server.bundles.get(id)!;
      return {
        signingPublicKey: toBase64Url(k.signing.publicKey),
        encryptionPublicKey: toBase64Url(k.encryption.publicKey),
      };
    },
    activeAdmins: async () => new Set([admin.id]),
    serverMembers: async (teamId) => server.members.get(teamId) ?? new Set(),
    uploadWraps: async (wraps) => server.upload(wraps, admin.id),
    isConflict: (e) => e instanceof Error && e.message === "conflict",
  };
  const staff = (id: string) => {
    server.bundles.set(id, createAccountKeys());
    return id;
  };
  const addToServerTeam = (teamId: string, id: string) => {
    const set = server.members.get(teamId) ?? new Set<string>();
    set.add(id);
    server.members.set(teamId, set);
  };
  return { server, admin, deps, staff, addToServerTeam };
}

const state = (server: FakeServer) => verifyOrgLog(server.log.map((e) => fromBase64Url(e)));

describe("admin team operations", () => {
  it("join: certifies the key, creates the team and its first key; a repeat changes nothing", async () => {
    const { server, deps, staff, addToServerTeam } = await setup();
    const anna = staff("acc-anna-01");
    addToServerTeam("team-0000001", anna);
    const first = await joinTeam(deps, { teamId: "team-0000001", accountId: anna });
    expect(first).toEqual({ generation: 1, certified: true });
    const s = state(server);
    expect([...s.staff.values()].map((k) => k.accountId)).toContain(anna);
    expect(s.teams.get("team-0000001")!.members.size).toBe(1);
    expect((await server.ring(anna).teamKey("team-0000001", 1)).generation).toBe(1);

    const entries = server.log.length;
    const again = await joinTeam(deps, { teamId: "team-0000001", accountId: anna });
    expect(again).toEqual({ generation: 1, certified: false });
    expect(server.log.length).toBe(entries);
  });

  it("survives another admin's append in between (conflict → reload → only what is missing)", async () => {
    const { server, deps, staff, addToServerTeam } = await setup();
    const ben = staff("acc-ben-001");
    addToServerTeam("team-0000002", ben);
    server.conflictNext = true;
    await joinTeam(deps, { teamId: "team-0000002", accountId: ben });
    expect(state(server).teams.get("team-0000002")!.members.size).toBe(1);
  });

  it("offboard: leaves teams, key revoked, key rotated; the rest read history, the former member gets nothing new", async () => {
    const { server, deps, staff, addToServerTeam } = await setup();
    const team = "team-0000003";
    const stays = staff("acc-stays-1");
    const leaves = staff("acc-leaves1");
    for (const id of [stays, leaves]) {
      addToServerTeam(team, id);
      await joinTeam(deps, { teamId: team, accountId: id });
    }
    const gen1 = await server.ring(leaves).teamKey(team, 1);
    // The server has deactivated the account: it left the server team.
    server.members.get(team)!.delete(leaves);
    const progress: string[] = [];
    const result = await offboard(deps, {
      accountId: leaves,
      onTeamRotated: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(result).toEqual({ teams: [{ teamId: team, generation: 2 }], revoked: true });
    // The console's progress: before the rotation and after it.
    expect(progress).toEqual(["0/1", "1/1"]);

    const s = state(server);
    expect([...s.staff.values()].map((k) => k.accountId)).not.toContain(leaves);
    expect(s.retiredKeys.has(toBase64Url(server.bundles.get(leaves)!.signing.publicKey))).toBe(true);
    expect(s.teams.get(team)!.generations.map((g) => g.generation)).toEqual([1, 2]);

    // Nothing of generation 2 for the former member; the one who stays reads both.
    expect(server.wraps.filter((w) => w.recipientAccountId === leaves && w.generation === 2)).toEqual([]);
    await expect(server.ring(leaves).teamKey(team, 2)).rejects.toThrow();
    const staysRing = server.ring(stays);
    expect((await staysRing.teamKey(team, 2)).generation).toBe(2);
    expect(toBase64Url((await staysRing.teamKey(team, 1)).secretKey)).toBe(toBase64Url(gen1.secretKey));

    // A newcomer after the rotation reads generation 1 through the history wrap only.
    const late = staff("acc-late-01");
    addToServerTeam(team, late);
    await joinTeam(deps, { teamId: team, accountId: late });
    expect(server.wraps.filter((w) => w.recipientAccountId === late).map((w) => w.generation)).toEqual([2]);
    expect(toBase64Url((await server.ring(late).teamKey(team, 1)).secretKey)).toBe(toBase64Url(gen1.secretKey));
    // Repeating the offboarding is a no-op.
    const entries = server.log.length;
    expect(await offboard(deps, { accountId: leaves })).toEqual({ teams: [], revoked: false });
    expect(server.log.length).toBe(entries);
  });

  it("leave: one team only, the member stays certified; the team key rotates", async () => {
    const { server, deps, staff, addToServerTeam } = await setup();
    const team = "team-0000004";
    const a = staff("acc-aaaa-01");
    const b = staff("acc-bbbb-01");
    for (const id of [a, b]) {
      addToServerTeam(team, id);
      await joinTeam(deps, { teamId: team, accountId: id });
    }
    server.members.get(team)!.delete(b);
    expect(await leaveTeam(deps, { teamId: team, accountId: b })).toBe(2);
    const s = state(server);
    expect([...s.staff.values()].map((k) => k.accountId)).toContain(b);
    expect(s.teams.get(team)!.members.size).toBe(1);
  });
});
