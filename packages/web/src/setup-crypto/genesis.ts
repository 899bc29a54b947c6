// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type EncryptionKeyPair,
  type OrgLogEntry,
  type OrgLogPayload,
  type SigningKeyPair,
  CryptoError,
  constantTimeEqual,
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  fingerprint,
  fromBase64Url,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  randomBytes,
  toBase64Url,
  unwrapKey,
  verifyOrgLog,
  wrapContext,
  wrapKey,
} from "@obhut/crypto";

/**
 * The organisation's cryptographic genesis, made entirely in the browser
 * (docs/CRYPTO.md §5–6): the root signing key whose fingerprint everybody
 * pins, the archive key (generation 1), the first three org-log entries
 * signed by the root key, and both private keys HPKE-wrapped to the first
 * administrator. The server receives only public keys, signed entries and
 * wraps. The construction mirrors packages/server/test/keys/support.ts
 * (`prepareSetup`), which the server's own setup tests accept.
 */
export interface Genesis {
  organisationId: string;
  accountId: string;
  root: SigningKeyPair;
  archive: EncryptionKeyPair;
  /** Wire encoding (base64url) of genesis, admin-added, staff-key-certified. */
  orgLog: string[];
  orgRootWrap: string;
  archiveWrap: string;
  /** 12 groups of 5 digits: what clients and staff compare out of band. */
  rootFingerprint: string;
}

/** 128 random bits, base64url: the shape of `Id` in @obhut/protocol. */
export function newId(): string {
  return toBase64Url(randomBytes(16));
}

export async function createGenesis(props: {
  account: Pick<AccountKeys, "signing" | "encryption">;
  organisationId?: string;
  accountId?: string;
  timestamp?: number;
}): Promise<Genesis> {
  const organisationId = props.organisationId ?? newId();
  const accountId = props.accountId ?? newId();
  const timestamp = props.timestamp ?? Date.now();
  const root = generateSigningKeyPair();
  const archive = generateEncryptionKeyPair();
  const admin = {
    accountId,
    signingKey: props.account.signing.publicKey,
    encryptionKey: props.account.encryption.publicKey,
  };
  const payloads: OrgLogPayload[] = [
    { type: "genesis", orgId: organisationId, rootSigningKey: root.publicKey, archiveKey: archive.publicKey },
    { type: "admin-added", ...admin },
    // The first admin is also certified as staff, so counselling teams can add them later.
    { type: "staff-key-certified", ...admin },
  ];
  let previous: OrgLogEntry | null = null;
  const entries: OrgLogEntry[] = [];
  for (const payload of payloads) {
    previous = createOrgLogEntry({ previous, payload, signer: root, timestamp });
    entries.push(previous);
  }
  const recipient = props.account.encryption.publicKey;
  return {
    organisationId,
    accountId,
    root,
    archive,
    orgLog: entries.map((entry) => toBase64Url(encodeOrgLogEntry(entry))),
    orgRootWrap: toBase64Url(await wrapKey(recipient, root.secretKey, wrapContext("org-root-key", [organisationId]))),
    archiveWrap: toBase64Url(
      await wrapKey(recipient, archive.secretKey, wrapContext("archive-key", [organisationId, 1])),
    ),
    rootFingerprint: fingerprint(root.publicKey, "signing"),
  };
}

/**
 * Checks the genesis exactly as another client will later: the chain
 * verifies under the pinned root fingerprint, names this administrator with
 * these keys, and both wraps open with the administrator's private key to
 * the keys the log announces. Throws CryptoError otherwise; the caller then
 * sends nothing.
 */
export async function checkGenesis(genesis: Genesis, account: Pick<AccountKeys, "signing" | "encryption">) {
  const state = verifyOrgLog(
    genesis.orgLog.map((entry) => decodeOrgLogEntry(fromBase64Url(entry))),
    { pinnedRootFingerprint: genesis.rootFingerprint },
  );
  const admin = state.admins.get(toBase64Url(account.signing.publicKey));
  if (
    state.orgId !== genesis.organisationId ||
    !admin ||
    admin.accountId !== genesis.accountId ||
    !constantTimeEqual(admin.encryptionKey, account.encryption.publicKey)
  ) {
    throw new CryptoError("invalid_transition", "the genesis does not name this administrator");
  }
  const rootSecret = await unwrapKey(
    account.encryption.secretKey,
    fromBase64Url(genesis.orgRootWrap),
    wrapContext("org-root-key", [genesis.organisationId]),
  );
  const archiveSecret = await unwrapKey(
    account.encryption.secretKey,
    fromBase64Url(genesis.archiveWrap),
    wrapContext("archive-key", [genesis.organisationId, 1]),
  );
  const rootOk = constantTimeEqual(generateSigningKeyPair(rootSecret).publicKey, state.rootSigningKey);
  const archiveOk = constantTimeEqual(generateEncryptionKeyPair(archiveSecret).publicKey, state.archiveKey);
  rootSecret.fill(0);
  archiveSecret.fill(0);
  if (!rootOk || !archiveOk) throw new CryptoError("unknown_key", "a wrapped key does not match the log");
}

/** Overwrites the private halves we hold (best effort; see keys/session-store.ts). */
export function wipeGenesis(genesis: Genesis): void {
  genesis.root.secretKey.fill(0);
  genesis.archive.secretKey.fill(0);
}
