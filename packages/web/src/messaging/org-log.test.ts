// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError, generateEncryptionKeyPair, generateSigningKeyPair } from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "../api/client";
import { createGenesis } from "../setup-crypto/genesis";
import { OrgLogCache } from "./org-log";

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
    ).rejects.toBeInstanceOf(CryptoError);
  });
});
