// SPDX-License-Identifier: AGPL-3.0-or-later
import { createOrgLogEntry, type OrgLogEntry, type OrgLogPayload } from "../src/org-log-entry";
import { generateEncryptionKeyPair, generateSigningKeyPair, type SigningKeyPair } from "../src/primitives";

/** A small but realistic organisation: root, one admin, two staff, one team with a key. */
export function buildOrgLog() {
  const root = generateSigningKeyPair();
  const admin = generateSigningKeyPair();
  const adminEnc = generateEncryptionKeyPair();
  const alice = generateSigningKeyPair();
  const aliceEnc = generateEncryptionKeyPair();
  const bob = generateSigningKeyPair();
  const bobEnc = generateEncryptionKeyPair();
  const archive = generateEncryptionKeyPair();
  const teamKey = generateEncryptionKeyPair();
  const entries: OrgLogEntry[] = [];
  let t = 1_700_000_000_000;
  const append = (payload: OrgLogPayload, signer: SigningKeyPair) => {
    const entry = createOrgLogEntry({
      previous: entries.at(-1) ?? null,
      payload,
      signer,
      timestamp: t++,
    });
    entries.push(entry);
    return entry;
  };
  append(
    {
      type: "genesis",
      orgId: "org-1",
      rootSigningKey: root.publicKey,
      archiveKey: archive.publicKey,
    },
    root,
  );
  append(
    {
      type: "admin-added",
      accountId: "admin",
      signingKey: admin.publicKey,
      encryptionKey: adminEnc.publicKey,
    },
    root,
  );
  append(
    {
      type: "staff-key-certified",
      accountId: "alice",
      signingKey: alice.publicKey,
      encryptionKey: aliceEnc.publicKey,
    },
    admin,
  );
  append(
    {
      type: "staff-key-certified",
      accountId: "bob",
      signingKey: bob.publicKey,
      encryptionKey: bobEnc.publicKey,
    },
    admin,
  );
  append({ type: "team-created", teamId: "team-1" }, admin);
  append(
    {
      type: "team-member-added",
      teamId: "team-1",
      signingKey: alice.publicKey,
    },
    admin,
  );
  append({ type: "team-member-added", teamId: "team-1", signingKey: bob.publicKey }, admin);
  append(
    {
      type: "team-key-generation",
      teamId: "team-1",
      generation: 1,
      publicKey: teamKey.publicKey,
    },
    admin,
  );
  append(
    {
      type: "contact-form-key",
      formId: "form-1",
      publicKey: generateEncryptionKeyPair().publicKey,
    },
    admin,
  );
  return {
    root,
    admin,
    alice,
    aliceEnc,
    bob,
    bobEnc,
    archive,
    teamKey,
    entries,
    append,
  };
}
