// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { unwrapKey, wrapContext, wrapKey } from "./hpke";
import type { OrgLogState } from "./org-log";
import {
  type EncryptionKeyPair,
  type SigningKeyPair,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
} from "./primitives";

/**
 * The organisation's own keys as administrators hold them (docs/CRYPTO.md §3,
 * ADR 0026): the root signing key (HPKE context `org-root-key [orgId]`) and
 * each archive key generation (`archive-key [orgId, g]`). Every opened key is
 * checked against the public key the verified log announces, so a wrap the
 * server swapped opens to nothing usable.
 */

export async function wrapOrgRootKey(recipient: Uint8Array, root: SigningKeyPair, orgId: string): Promise<Uint8Array> {
  return wrapKey(recipient, root.secretKey, wrapContext("org-root-key", [orgId]));
}

export async function openOrgRootKey(
  mySecretKey: Uint8Array,
  wrapped: Uint8Array,
  state: Pick<OrgLogState, "orgId" | "rootSigningKey">,
): Promise<SigningKeyPair> {
  const secret = await unwrapKey(mySecretKey, wrapped, wrapContext("org-root-key", [state.orgId]));
  const pair = generateSigningKeyPair(secret);
  if (!constantTimeEqual(pair.publicKey, state.rootSigningKey))
    throw new CryptoError("unknown_key", "the wrapped root key is not the organisation's root key");
  return pair;
}

export async function wrapArchiveKey(
  recipient: Uint8Array,
  archive: EncryptionKeyPair,
  orgId: string,
  generation: number,
): Promise<Uint8Array> {
  return wrapKey(recipient, archive.secretKey, wrapContext("archive-key", [orgId, generation]));
}

/** Opens archive generation `generation` and checks it against that generation's public key in the log. */
export async function openArchiveKey(
  mySecretKey: Uint8Array,
  wrapped: Uint8Array,
  state: Pick<OrgLogState, "orgId" | "archiveGenerations">,
  generation: number,
): Promise<EncryptionKeyPair> {
  const announced = state.archiveGenerations.find((g) => g.generation === generation);
  if (!announced) throw new CryptoError("unknown_key", `the log has no archive key generation ${generation}`);
  const secret = await unwrapKey(mySecretKey, wrapped, wrapContext("archive-key", [state.orgId, generation]));
  const pair = generateEncryptionKeyPair(secret);
  if (!constantTimeEqual(pair.publicKey, announced.publicKey))
    throw new CryptoError("unknown_key", `the wrapped archive key is not generation ${generation} of the log`);
  return pair;
}
