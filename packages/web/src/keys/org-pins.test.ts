// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  createAccountKeys,
  decryptOrgPins,
  encryptOrgPins,
  fingerprint,
  fromBase64Url,
  generateSigningKeyPair,
  toBase64Url,
} from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../api/client";
import { OrgChangedError } from "../messaging/org-log";
import { OrgPinStore, getOrgPins, putOrgPins } from "./org-pins";

/** The server's half: one stored blob, replaced only against the version the writer read (as PUT /api/account/org-pins). */
function fakeServer(initial: string | null = null) {
  const server = { blob: initial, puts: 0, gets: 0, beforePut: async () => {} };
  const api = {
    request: async (endpoint: unknown, input: { body?: { orgPins: string; previous: string | null } } = {}) => {
      if (endpoint === getOrgPins) {
        server.gets++;
        return { orgPins: server.blob };
      }
      if (endpoint === putOrgPins) {
        await server.beforePut();
        server.puts++;
        if (input.body!.previous !== server.blob) throw new ApiError("conflict", "changed", 409);
        server.blob = input.body!.orgPins;
        return null;
      }
      throw new Error("unexpected request");
    },
  } as unknown as ApiClient;
  return { server, api };
}

const root = () => generateSigningKeyPair().publicKey;

describe("a client's pinned organisations (key bundle)", () => {
  it("starts with none, pins once, and a fresh session (another device) reads the same pin", async () => {
    const keys = createAccountKeys();
    const { server, api } = fakeServer();
    const store = new OrgPinStore(api, keys);
    expect(await store.pinned("org_a_000001")).toBeUndefined();
    const key = root();
    await store.pin("org_a_000001", key);
    await store.pin("org_a_000001", key);
    expect(server.puts).toBe(1);
    const elsewhere = new OrgPinStore(api, keys);
    expect(await elsewhere.pinned("org_a_000001")).toBe(fingerprint(key, "signing"));
  });

  it("merges with a pin another device wrote meanwhile instead of overwriting it", async () => {
    const keys = createAccountKeys();
    const { server, api } = fakeServer();
    const store = new OrgPinStore(api, keys);
    expect(await store.pinned("org_a_000001")).toBeUndefined();
    // The other device pins org B between our read and our write.
    const other = root();
    server.beforePut = async () => {
      server.beforePut = async () => {};
      server.blob = toBase64Url(
        await encryptOrgPins(keys, [{ orgId: "org_b_000001", rootSigningKey: other, pinnedAt: 1 }]),
      );
    };
    const ours = root();
    await store.pin("org_a_000001", ours);
    const stored = await decryptOrgPins(keys, fromBase64Url(server.blob!));
    expect(stored.map((p) => [p.orgId, toBase64Url(p.rootSigningKey)])).toEqual([
      ["org_a_000001", toBase64Url(ours)],
      ["org_b_000001", toBase64Url(other)],
    ]);
    expect(server.puts).toBe(2);
  });

  it("never replaces a pin: another root for a pinned organisation is 'changed'", async () => {
    const keys = createAccountKeys();
    const key = root();
    const { server, api } = fakeServer(
      toBase64Url(await encryptOrgPins(keys, [{ orgId: "org_a_000001", rootSigningKey: key, pinnedAt: 1 }])),
    );
    const before = server.blob;
    await expect(new OrgPinStore(api, keys).pin("org_a_000001", root())).rejects.toBeInstanceOf(OrgChangedError);
    expect(server.blob).toBe(before);
  });

  it("fails closed on pins it cannot open (another account's, or tampered): never 'unpinned'", async () => {
    const keys = createAccountKeys();
    const foreign = toBase64Url(
      await encryptOrgPins(createAccountKeys(), [{ orgId: "org_a_000001", rootSigningKey: root(), pinnedAt: 1 }]),
    );
    const { api } = fakeServer(foreign);
    const store = new OrgPinStore(api, keys);
    await expect(store.pinned("org_a_000001")).rejects.toBeInstanceOf(OrgChangedError);
    await expect(store.pinned("org_other_01")).rejects.toBeInstanceOf(OrgChangedError);
    await expect(store.pin("org_other_01", root())).rejects.toBeInstanceOf(OrgChangedError);
  });
});
