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
 * ADR 0026): the root signing key (HPKE context `org-root-key [orgId]` for the genesis root,
 * `org-root-key [orgId, g]` for generation g ≥ 2) and
 * each archive key generation (`archive-key [orgId, g]`). Every opened key is
 * checked against the public key the verified log announces, so a wrap the
 * server swapped opens to nothing usable.
 */

/** Generation 1 (the genesis root) keeps the context it was created with; later generations name theirs. */
const rootContext = (orgId: string, generation: number) =>
  wrapContext("org-root-key", generation === 1 ? [orgId] : [orgId, generation]);

export async function wrapOrgRootKey(
  recipient: Uint8Array,
  root: SigningKeyPair,
  orgId: string,
  generation = 1,
): Promise<Uint8Array> {
  return wrapKey(recipient, root.secretKey, rootContext(orgId, generation));
}

/** Opens root generation `generation` (default 1) and checks it against that generation in the log. */
export async function openOrgRootKey(
  mySecretKey: Uint8Array,
  wrapped: Uint8Array,
  state: Pick<OrgLogState, "orgId" | "rootGenerations">,
  generation = 1,
): Promise<SigningKeyPair> {
  const announced = state.rootGenerations.find((g) => g.generation === generation);
  if (!announced) throw new CryptoError("unknown_key", `the log has no root key generation ${generation}`);
  const secret = await unwrapKey(mySecretKey, wrapped, rootContext(state.orgId, generation));
  const pair = generateSigningKeyPair(secret);
  if (!constantTimeEqual(pair.publicKey, announced.publicKey))
    throw new CryptoError("unknown_key", `the wrapped root key is not generation ${generation} of the log`);
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
