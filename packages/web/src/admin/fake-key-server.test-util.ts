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
import { StaffKeyring } from "../messaging/team-keys";
import { createGenesis } from "../setup-crypto/genesis";
import type { AdminKeyDeps } from "./admin-keys";
import { OrgLogWriter } from "./org-log-writer";

/**
 * An in-memory key directory that behaves like the server where it matters
 * for the admin's key operations (admin-keys.test.ts, reset-keys.test.ts):
 * the log only grows by entries that verify, a wrap slot is stored once, and
 * each account reads its keys with the real staff key ring.
 */
export const ORG = "org-0000001";

export class FakeServer {
  log: string[] = [];
  wraps: KeyWrapView[] = [];
  members = new Map<string, Set<string>>();
  bundles = new Map<string, AccountKeys>();
  active = new Set<string>();

  state() {
    return verifyOrgLog(this.log.map((e) => fromBase64Url(e)));
  }

  upload(wraps: NewKeyWrap[], by: string) {
    for (const w of wraps) {
      const taken = this.wraps.some(
        (x) =>
          x.kind === w.kind &&
          x.refId === w.refId &&
          x.generation === w.generation &&
          x.recipientAccountId === w.recipientAccountId,
      );
      if (taken) throw new Error("conflict");
      this.wraps.push({ ...w, id: `w${this.wraps.length}-0000`, organisationId: ORG, createdBy: by, createdAt: 0 });
    }
  }

  wrapsFor(accountId: string): KeyWrapView[] {
    const own = this.wraps.filter((w) => w.recipientAccountId === accountId);
    const teams = new Set(own.filter((w) => w.kind === "team").map((w) => w.refId));
    return [...own, ...this.wraps.filter((w) => w.kind === "team-previous" && teams.has(w.refId))];
  }

  ring(id: string) {
    return new StaffKeyring(
      { accountId: id, keys: this.bundles.get(id)! },
      {
        orgState: async () => this.state(),
        keyWraps: async () => this.wrapsFor(id),
        caseTeamWraps: async () => [],
        epochs: async () => ({ epochs: [], wraps: [] }),
        clientSigningKey: async () => null,
      },
    );
  }

  deps(id: string): AdminKeyDeps {
    const keys = this.bundles.get(id)!;
    const ring = this.ring(id);
    return {
      log: new OrgLogWriter(
        {
          page: async (after) => ({
            entries: this.log.map((entry, seq) => ({ seq, entry })).filter((e) => after === undefined || e.seq > after),
            hasMore: false,
          }),
          append: async (entry) => {
            verifyOrgLog([...this.log, entry].map((e) => decodeOrgLogEntry(fromBase64Url(e))));
            this.log.push(entry);
          },
          isConflict: () => false,
        },
        ORG,
        keys.signing,
        () => 1,
      ),
      teamKey: (teamId, g) => ring.teamKey(teamId, g),
      refresh: () => ring.refresh(),
      publicKeys: async (accountId) => {
        const k = this.bundles.get(accountId)!;
        return {
          signingPublicKey: toBase64Url(k.signing.publicKey),
          encryptionPublicKey: toBase64Url(k.encryption.publicKey),
        };
      },
      activeAdmins: async () => new Set(this.active),
      serverMembers: async (teamId) => this.members.get(teamId) ?? new Set(),
      uploadWraps: async (wraps) => this.upload(wraps, id),
      isConflict: (e) => e instanceof Error && e.message === "conflict",
      myOrgWraps: async (kind) => this.wrapsFor(id).filter((w) => w.kind === kind),
      mySecretKey: () => keys.encryption.secretKey,
    };
  }

  account(id: string, admin = false) {
    this.bundles.set(id, createAccountKeys());
    if (admin) this.active.add(id);
    return id;
  }

  /** As a redeemed reset (POST /api/auth/reset/finish): new identity keys, the old keys' wraps deleted. */
  reset(id: string): AccountKeys {
    const keys = createAccountKeys();
    this.bundles.set(id, keys);
    this.wraps = this.wraps.filter((w) => w.recipientAccountId !== id);
    return keys;
  }

  addToTeam(teamId: string, id: string) {
    const set = this.members.get(teamId) ?? new Set<string>();
    set.add(id);
    this.members.set(teamId, set);
  }
}

export async function setup() {
  const server = new FakeServer();
  const first = server.account("acc-admin-1", true);
  const genesis = await createGenesis({ account: server.bundles.get(first)!, accountId: first, organisationId: ORG });
  server.log.push(...genesis.orgLog);
  server.upload(
    [
      { kind: "org-root", refId: ORG, generation: 1, recipientAccountId: first, blob: genesis.orgRootWrap },
      { kind: "archive", refId: ORG, generation: 1, recipientAccountId: first, blob: genesis.archiveWrap },
    ],
    first,
  );
  return { server, first, genesis };
}
