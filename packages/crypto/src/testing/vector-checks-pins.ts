// SPDX-License-Identifier: AGPL-3.0-or-later
/** Org-pins vector checks (the pinned organisations in an account's key bundle, blob kind 0x0a). */
import { fromHex } from "../encoding";
import { fingerprint } from "../fingerprint";
import { decryptOrgPins, encryptOrgPinsWithNonce } from "../org-pins";
import { type Check, check, expectError, same } from "./vector-checks";
import type { OrgPinsAccount, VectorFiles } from "./vector-types";

function account(v: OrgPinsAccount) {
  return {
    masterKey: fromHex(v.masterKey),
    signing: { publicKey: fromHex(v.signingPublicKey) },
    encryption: { publicKey: fromHex(v.encryptionPublicKey) },
  };
}

export function orgPinsChecks(v: VectorFiles["orgPins"]): Check[] {
  const valid = v.vectors.map((t) => ({
    file: "orgPins" as const,
    name: t.name,
    run: async () => {
      const pins = t.pins.map((p) => ({
        orgId: p.orgId,
        rootSigningKey: fromHex(p.rootSigningKey),
        pinnedAt: p.pinnedAt,
      }));
      same(await encryptOrgPinsWithNonce(account(t), pins, fromHex(t.nonce)), t.blob, "sealed pins");
      const opened = await decryptOrgPins(account(t), fromHex(t.blob));
      check(opened.length === t.pins.length, "number of pins");
      for (const [i, p] of t.pins.entries()) {
        const o = opened[i]!;
        check(o.orgId === p.orgId && o.pinnedAt === p.pinnedAt, `pin ${i}`);
        same(o.rootSigningKey, p.rootSigningKey, `pin ${i} root key`);
        check(fingerprint(o.rootSigningKey, "signing") === p.fingerprint, `pin ${i} fingerprint`);
      }
    },
  }));
  const invalid = v.invalid.map((t) => ({
    file: "orgPins" as const,
    name: t.name,
    run: () => expectError(t.expectedError, () => decryptOrgPins(account(t), fromHex(t.blob))),
  }));
  return [...valid, ...invalid];
}
