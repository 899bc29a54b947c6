// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint, fromBase64Url } from "@obhut/crypto";
import type { GetOrgRootKey } from "@obhut/protocol";
import type { ApiClient, Endpoint } from "../api/client";

export const orgRootKey: Endpoint<typeof GetOrgRootKey> = {
  method: "GET",
  path: "/api/finder/organisations/:orgId/root-key",
};

/** An organisation's identity as this browser computed it: the genesis root key and its fingerprint's groups. */
export interface OrgIdentity {
  orgId: string;
  rootSigningKey: Uint8Array;
  /** 12 groups of 5 digits (docs/CRYPTO.md §10). */
  groups: string[];
}

/**
 * The public root key, and its fingerprint computed here: the server sends
 * a key, never a fingerprint to display, so what is shown is exactly what
 * `verifyOrgLog` will compare with the log's genesis (and what sign-up
 * pins). A key of the wrong size throws instead of showing anything.
 * Its own module so the agency page loads the hashing code only with it.
 */
export async function loadOrgIdentity(api: ApiClient, orgId: string, signal?: AbortSignal): Promise<OrgIdentity> {
  const { rootSigningKey } = await api.request(orgRootKey, { params: { orgId }, ...(signal ? { signal } : {}) });
  const key = fromBase64Url(rootSigningKey);
  return { orgId, rootSigningKey: key, groups: fingerprint(key, "signing").split(" ") };
}
