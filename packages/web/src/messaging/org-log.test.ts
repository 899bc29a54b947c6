// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CryptoError,
  fingerprint,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  toBase64Url,
} from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { createGenesis } from "../setup-crypto/genesis";
import { OrgChangedError, OrgLogCache, type OrgPinSource } from "./org-log";

function serve(entries: () => string[]): { api: ApiClient; afters: (number | undefined)[] } {
  const afters: (number | undefined)[] = [];
  const api = {
    request: async (_e: unknown, input: { query?: { after?: number } }) => {
      const after = input.query?.after;
      afters.push(after);
      const all = entries().map((entry, seq) => ({ seq, hash: "h".repeat(43), entry }));
      return { entries: all.filter((e) => after === undefined || e.seq > after), hasMore: false };
    },
  } as unknown as ApiClient;
  return { api, afters };
}

describe("org log cache", () => {
  it("verifies the log, fetches only new entries later, and refuses a foreign or wrongly rooted log", async () => {
    const genesis = await createGenesis({
      account: { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() },
    });
    let log = genesis.orgLog;
    const { api, afters } = serve(() => log);
    const cache = new OrgLogCache(api);
    const state = await cache.load(genesis.organisationId);
    expect(state.orgId).toBe(genesis.organisationId);
    expect(state.admins.size).toBe(1);
    await cache.load(genesis.organisationId);
    expect(afters).toEqual([undefined, state.head.seq]);
    await expect(cache.load("org_another_1")).rejects.toBeInstanceOf(CryptoError);

    // A different organisation's log under this id is refused.
    const other = await createGenesis({
      account: { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() },
      organisationId: genesis.organisationId,
    });
    log = other.orgLog;
    const fresh = new OrgLogCache(serve(() => log).api);
    await expect(
      fresh.load(genesis.organisationId, { pinnedRootFingerprint: "00000 ".repeat(12).trim() }),
    ).rejects.toBeInstanceOf(OrgChangedError);
  });
});

/** A client's pins in memory, recording what was pinned. */
function memoryPins(initial: Record<string, Uint8Array> = {}): OrgPinSource & { pinnedKeys: Map<string, string> } {
  const pinnedKeys = new Map(Object.entries(initial).map(([id, key]) => [id, toBase64Url(key)]));
  const roots = new Map(Object.entries(initial));
  return {
    pinnedKeys,
    pinned: async (orgId) => {
      const root = roots.get(orgId);
      return root ? fingerprint(root, "signing") : undefined;
    },
    pin: async (orgId, root) => {
      if (roots.has(orgId)) throw new Error("a pin is never replaced");
      roots.set(orgId, root);
      pinnedKeys.set(orgId, toBase64Url(root));
    },
  };
}

async function newOrg(organisationId?: string) {
  return createGenesis({
    account: { signing: generateSigningKeyPair(), encryption: generateEncryptionKeyPair() },
    ...(organisationId ? { organisationId } : {}),
  });
}

describe("org log cache with a client's pins", () => {
  it("pins the root of the first log it verifies, then holds every later load to it", async () => {
    const genesis = await newOrg();
    const pins = memoryPins();
    const cache = new OrgLogCache(serve(() => genesis.orgLog).api, pins);
    const state = await cache.load(genesis.organisationId);
    expect(pins.pinnedKeys.get(genesis.organisationId)).toBe(toBase64Url(state.rootSigningKey));
    // Another session (a login on another device) with the same pins accepts the same log.
    await expect(
      new OrgLogCache(serve(() => genesis.orgLog).api, pins).load(genesis.organisationId),
    ).resolves.toMatchObject({ orgId: genesis.organisationId });
  });

  it("refuses a log with another root under a pinned organisation and keeps the pin", async () => {
    const genesis = await newOrg();
    const pins = memoryPins();
    await new OrgLogCache(serve(() => genesis.orgLog).api, pins).load(genesis.organisationId);
    const pinned = pins.pinnedKeys.get(genesis.organisationId);

    // The server now serves another organisation's genesis under the same id: a well-formed, well-signed log.
    const impostor = await newOrg(genesis.organisationId);
    const later = new OrgLogCache(serve(() => impostor.orgLog).api, pins);
    const refused = later.load(genesis.organisationId);
    await expect(refused).rejects.toBeInstanceOf(OrgChangedError);
    await expect(refused).rejects.toMatchObject({ code: "org_changed", orgId: genesis.organisationId });
    expect(pins.pinnedKeys.get(genesis.organisationId)).toBe(pinned);
    expect(later.peek(genesis.organisationId)).toBeUndefined();
  });

  it("stops when the pins cannot be read, before fetching anything", async () => {
    const genesis = await newOrg();
    const { api, afters } = serve(() => genesis.orgLog);
    const unreadable: OrgPinSource = {
      pinned: () => Promise.reject(new OrgChangedError(null)),
      pin: () => Promise.reject(new Error("not reached")),
    };
    await expect(new OrgLogCache(api, unreadable).load(genesis.organisationId)).rejects.toBeInstanceOf(OrgChangedError);
    expect(afters).toEqual([]);
  });
});
