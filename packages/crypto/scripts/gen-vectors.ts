// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Generates test-vectors/crypto/*.json. Run once (npm run gen-vectors -w
 * @obhut/crypto) and check the output in; tests read the files and must not
 * regenerate them, so a format change shows up as a failing vector.
 * Inputs are derived from fixed labels, passed through the internal
 * explicit-randomness functions. HPKE wraps stay randomised (RFC 9180 base
 * mode has no way to fix the ephemeral key through the public API), so their
 * vectors check opening only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  encryptPrivateKeysWithNonce,
  wrapMasterKeyWithExportKeyAndNonce,
  wrapMasterKeyWithRecoveryCodeAndNonce,
} from "../src/account-keys";
import { createEncryptStreamWithNonce, transformBytes } from "../src/attachment-stream";
import { fromHex, toHex, utf8Encode } from "../src/encoding";
import { ByteWriter } from "../src/framing";
import { sealMessageWithNonce } from "../src/envelope";
import { fingerprint } from "../src/fingerprint";
import { wrapContext, wrapKey } from "../src/hpke";
import { createOrgLogEntry, encodeOrgLogEntry, type OrgLogEntry, type OrgLogPayload } from "../src/org-log-entry";
import { verifyOrgLog } from "../src/org-log";
import { encryptOrgPinsWithNonce, sealOrgPinsPlaintext } from "../src/org-pins";
import { cannedReplyWrapContext, sealCannedReplyWithKey } from "../src/canned-reply";
import { padSize } from "../src/padding";
import { wrapMasterKeyForDeviceWithNonce } from "../src/device-key";
import {
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  importNonExtractableAesKey,
  sha256,
  type SigningKeyPair,
} from "../src/primitives";
import { legacyRecoveryWordsFromEntropy, recoveryCodeFromEntropy } from "../src/recovery-code";
import { patternBytes, type VectorFiles } from "../src/testing/vector-types";

const seed = (label: string, length = 32) => sha256(utf8Encode(`obhut test vector: ${label}`)).slice(0, length);
const hex = toHex;

async function envelope(): Promise<VectorFiles["envelope"]> {
  const sender = generateSigningKeyPair(seed("envelope sender"));
  const vectors: VectorFiles["envelope"]["vectors"] = [];
  const cases = [
    { name: "empty message", plaintext: new Uint8Array(0) },
    {
      name: "short UTF-8 message",
      plaintext: utf8Encode("Hallo, wie geht es Ihnen heute? 🌱"),
    },
    { name: "1 KiB message", plaintext: patternBytes(1024) },
  ];
  for (const [i, c] of cases.entries()) {
    const epochKey = seed(`envelope epoch key ${i}`);
    const nonce = seed(`envelope nonce ${i}`, 12);
    const header = {
      conversationId: "conv-7f3a",
      epoch: 3 + i,
      messageId: `msg-${i}`,
      timestamp: 1_735_689_600_000 + i,
    };
    const blob = await sealMessageWithNonce(
      {
        header: { ...header, senderKeyId: sender.publicKey },
        plaintext: c.plaintext,
        epochKey,
        sender,
      },
      nonce,
    );
    vectors.push({
      name: c.name,
      epochKey: hex(epochKey),
      senderSecretKey: hex(sender.secretKey),
      senderPublicKey: hex(sender.publicKey),
      header,
      nonce: hex(nonce),
      plaintext: hex(c.plaintext),
      blob: hex(blob),
    });
  }
  const base = vectors[1]!;
  const blob = fromHex(base.blob);
  const flip = (i: number) => {
    const b = blob.slice();
    b[i]! ^= 0x01;
    return hex(b);
  };
  const other = generateSigningKeyPair(seed("envelope other sender"));
  return {
    vectors,
    invalid: [
      {
        name: "flipped ciphertext byte",
        epochKey: base.epochKey,
        senderPublicKey: base.senderPublicKey,
        blob: flip(blob.length - 70),
        expectedError: "bad_signature",
      },
      {
        name: "flipped timestamp",
        epochKey: base.epochKey,
        senderPublicKey: base.senderPublicKey,
        blob: flip(3 + 4 + 9 + 4 + 4 + 5 + 7),
        expectedError: "bad_signature",
      },
      {
        name: "future format version",
        epochKey: base.epochKey,
        senderPublicKey: base.senderPublicKey,
        blob: "02" + base.blob.slice(2),
        expectedError: "unsupported_version",
      },
      {
        name: "wrong epoch key",
        epochKey: hex(seed("unrelated")),
        senderPublicKey: base.senderPublicKey,
        blob: base.blob,
        expectedError: "bad_signature",
      },
      {
        name: "unexpected sender",
        epochKey: base.epochKey,
        senderPublicKey: hex(other.publicKey),
        blob: base.blob,
        expectedError: "unknown_key",
      },
      {
        name: "truncated",
        epochKey: base.epochKey,
        senderPublicKey: base.senderPublicKey,
        blob: base.blob.slice(0, -2),
        expectedError: "bad_format",
      },
    ],
  };
}

async function keyWrap(): Promise<VectorFiles["keyWrap"]> {
  const cases = [
    { name: "team key to member", purpose: "team-key", fields: ["team-1", 1] },
    {
      name: "team history (g under g+1)",
      purpose: "team-key-history",
      fields: ["team-1", 1],
    },
    {
      name: "epoch key to participant",
      purpose: "epoch-key",
      fields: ["conv-7f3a", 3, "participant"],
    },
    {
      name: "epoch key to archive",
      purpose: "epoch-key",
      fields: ["conv-7f3a", 3, "archive"],
    },
  ];
  const vectors: VectorFiles["keyWrap"]["vectors"] = [];
  for (const [i, c] of cases.entries()) {
    const recipient = generateEncryptionKeyPair(seed(`key wrap recipient ${i}`));
    const key = seed(`key wrap key ${i}`);
    const contextBytes = wrapContext(c.purpose, c.fields);
    vectors.push({
      name: c.name,
      recipientSecretKey: hex(recipient.secretKey),
      recipientPublicKey: hex(recipient.publicKey),
      context: { purpose: c.purpose, fields: c.fields },
      contextBytes: hex(contextBytes),
      key: hex(key),
      wrapped: hex(await wrapKey(recipient.publicKey, key, contextBytes)),
    });
  }
  return { vectors };
}

async function accountKeys(): Promise<VectorFiles["accountKeys"]> {
  const masterKey = seed("account master key");
  const signing = generateSigningKeyPair(seed("account signing key"));
  const encryption = generateEncryptionKeyPair(seed("account encryption key"));
  const privateKeysNonce = seed("account private keys nonce", 12);
  // OPAQUE export keys are 64 bytes.
  const exportKey = new Uint8Array([...seed("account export key a"), ...seed("account export key b")]);
  const exportWrapNonce = seed("account export wrap nonce", 12);
  const recoveryEntropy = seed("account recovery entropy", 16);
  const recoveryCode = recoveryCodeFromEntropy(recoveryEntropy);
  // Small parameters keep vector checks fast in CI and browsers; the format is identical for production parameters.
  const argon2 = { memoryKiB: 256, iterations: 2, parallelism: 1 };
  const recoverySalt = seed("account recovery salt", 16);
  const recoveryNonce = seed("account recovery nonce", 12);
  const deviceKey = seed("account device key");
  const deviceBinding = { accountId: "acct-0001", deviceId: "device-0001" };
  const deviceWrapNonce = seed("account device wrap nonce", 12);
  const keys = { masterKey, signing, encryption };
  return {
    vectors: [
      {
        name: "account with export-key and recovery-code wraps",
        masterKey: hex(masterKey),
        signingSecretKey: hex(signing.secretKey),
        signingPublicKey: hex(signing.publicKey),
        encryptionSecretKey: hex(encryption.secretKey),
        encryptionPublicKey: hex(encryption.publicKey),
        privateKeysNonce: hex(privateKeysNonce),
        encryptedPrivateKeys: hex(await encryptPrivateKeysWithNonce(keys, privateKeysNonce)),
        exportKey: hex(exportKey),
        exportWrapNonce: hex(exportWrapNonce),
        masterWrapExport: hex(await wrapMasterKeyWithExportKeyAndNonce(masterKey, exportKey, exportWrapNonce)),
        recoveryEntropy: hex(recoveryEntropy),
        recoveryCode,
        recoveryWords: legacyRecoveryWordsFromEntropy(recoveryEntropy),
        argon2,
        recoverySalt: hex(recoverySalt),
        recoveryNonce: hex(recoveryNonce),
        masterWrapRecovery: hex(
          await wrapMasterKeyWithRecoveryCodeAndNonce(masterKey, recoveryCode, argon2, recoverySalt, recoveryNonce),
        ),
        deviceKey: hex(deviceKey),
        deviceBinding,
        deviceWrapNonce: hex(deviceWrapNonce),
        masterWrapDevice: hex(
          await wrapMasterKeyForDeviceWithNonce(
            masterKey,
            await importNonExtractableAesKey(deviceKey),
            deviceBinding,
            deviceWrapNonce,
          ),
        ),
      },
    ],
  };
}

async function attachmentStream(): Promise<VectorFiles["attachmentStream"]> {
  const cases: {
    name: string;
    plaintext?: Uint8Array;
    patternLength?: number;
    padTo?: number;
    full: boolean;
  }[] = [
    { name: "empty file", plaintext: new Uint8Array(0), full: true },
    {
      name: "short file",
      plaintext: utf8Encode("Befund.pdf would go here"),
      full: true,
    },
    {
      name: "short file padded to 256",
      plaintext: utf8Encode("padded"),
      padTo: 256,
      full: true,
    },
    { name: "exactly one chunk", patternLength: 65536, full: false },
    {
      name: "two chunks plus 1000 bytes",
      patternLength: 2 * 65536 + 1000,
      full: false,
    },
  ];
  const vectors: VectorFiles["attachmentStream"]["vectors"] = [];
  for (const [i, c] of cases.entries()) {
    const fileKey = seed(`attachment file key ${i}`);
    const nonce = seed(`attachment nonce ${i}`, 16);
    const plaintext = c.plaintext ?? patternBytes(c.patternLength!);
    const options = c.padTo === undefined ? {} : { padTo: c.padTo };
    const ct = await transformBytes(createEncryptStreamWithNonce(fileKey, nonce, options), plaintext);
    vectors.push({
      name: c.name,
      fileKey: hex(fileKey),
      nonce: hex(nonce),
      ...(c.plaintext ? { plaintext: hex(c.plaintext) } : { patternLength: c.patternLength! }),
      ...(c.padTo === undefined ? {} : { padTo: c.padTo }),
      ...(c.full ? { ciphertext: hex(ct) } : { ciphertextSha256: hex(sha256(ct)) }),
    });
  }
  return { vectors };
}

function orgLog(): VectorFiles["orgLog"] {
  const key = (l: string) => generateSigningKeyPair(seed(`org ${l}`));
  const enc = (l: string) => generateEncryptionKeyPair(seed(`org enc ${l}`)).publicKey;
  const [root, admin, alice, bob, mallory] = [key("root"), key("admin"), key("alice"), key("bob"), key("mallory")];
  const admin2 = key("admin-2");
  const entries: OrgLogEntry[] = [];
  let t = 1_735_689_600_000;
  const append = (payload: OrgLogPayload, signer: SigningKeyPair, list = entries) =>
    list.push(
      createOrgLogEntry({
        previous: list.at(-1) ?? null,
        payload,
        signer,
        timestamp: t++,
      }),
    );
  append(
    {
      type: "genesis",
      orgId: "beratungsstelle-nord",
      rootSigningKey: root.publicKey,
      archiveKey: enc("archive"),
    },
    root,
  );
  append(
    {
      type: "admin-added",
      accountId: "admin",
      signingKey: admin.publicKey,
      encryptionKey: enc("admin"),
    },
    root,
  );
  append(
    {
      type: "staff-key-certified",
      accountId: "alice",
      signingKey: alice.publicKey,
      encryptionKey: enc("alice"),
    },
    admin,
  );
  append(
    {
      type: "staff-key-certified",
      accountId: "bob",
      signingKey: bob.publicKey,
      encryptionKey: enc("bob"),
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
      publicKey: enc("team g1"),
    },
    admin,
  );
  append(
    {
      type: "team-member-removed",
      teamId: "team-1",
      signingKey: bob.publicKey,
    },
    admin,
  );
  append(
    {
      type: "team-key-generation",
      teamId: "team-1",
      generation: 2,
      publicKey: enc("team g2"),
    },
    admin,
  );
  append({ type: "contact-form-key", formId: "form-1", publicKey: enc("form") }, admin);
  // Several admins (ADR 0026): a second admin certified by the first, who is then removed; the archive key rotates.
  append(
    {
      type: "admin-added",
      accountId: "admin-2",
      signingKey: admin2.publicKey,
      encryptionKey: enc("admin-2"),
    },
    admin,
  );
  append({ type: "admin-removed", signingKey: admin.publicKey }, admin2);
  append({ type: "archive-key-rotated", archiveKey: enc("archive g2") }, admin2);
  const root2 = key("root g2");
  append({ type: "root-key-rotated", rootSigningKey: root2.publicKey }, admin2);
  // An access reset (ADR 0031): alice's key is revoked, her new key certified, the team key renewed; the old
  // key stays in the state as former staff, certified from seq 2 to seq 15.
  const alice2 = key("alice 2");
  append({ type: "staff-key-revoked", signingKey: alice.publicKey }, admin2);
  append(
    { type: "staff-key-certified", accountId: "alice", signingKey: alice2.publicKey, encryptionKey: enc("alice 2") },
    admin2,
  );
  append({ type: "team-member-added", teamId: "team-1", signingKey: alice2.publicKey }, admin2);
  append({ type: "team-key-generation", teamId: "team-1", generation: 3, publicKey: enc("team g3") }, admin2);
  const wire = entries.map(encodeOrgLogEntry);
  const state = verifyOrgLog(wire);

  const forged = entries.slice(0, 5);
  append(
    {
      type: "team-member-added",
      teamId: "team-1",
      signingKey: mallory.publicKey,
    },
    mallory,
    forged,
  );
  const byRemoved = entries.slice();
  append({ type: "team-created", teamId: "team-9" }, admin, byRemoved);
  const byOldRoot = entries.slice();
  append({ type: "team-created", teamId: "team-8" }, root, byOldRoot);
  const lastAdmin = entries.slice();
  append({ type: "admin-removed", signingKey: admin2.publicKey }, admin2, lastAdmin);
  const removal = wire.slice();
  removal[12] = removal[12]!.slice();
  removal[12]![removal[12]!.length - 80]! ^= 0x01;
  const edited = wire.slice();
  edited[5] = edited[5]!.slice();
  edited[5]![edited[5]!.length - 80]! ^= 0x01;
  return {
    rootFingerprint: fingerprint(root.publicKey),
    entries: wire.map(hex),
    expected: {
      orgId: state.orgId,
      admins: ["admin-2"],
      staff: ["alice", "bob"],
      teams: { "team-1": { members: ["alice"], generations: [1, 2, 3], publishedAt: [7, 9, 18] } },
      formerStaff: [...state.formerStaff.values()].map((k) => ({
        accountId: k.accountId,
        signingKey: hex(k.signingKey),
        certifiedAt: k.certifiedAt,
        revokedAt: k.revokedAt,
      })),
      contactForms: ["form-1"],
      archiveGenerations: state.archiveGenerations.map((g) => g.generation),
      archiveRotationOwed: state.archiveRotationOwed,
      rootGenerations: state.rootGenerations.map((g) => g.generation),
      rootRotationOwed: state.rootRotationOwed,
      headSeq: state.head.seq,
      headHash: hex(state.head.hash),
    },
    invalid: [
      {
        name: "dropped entry",
        entries: wire.filter((_, i) => i !== 8).map(hex),
        expectedError: "chain_broken",
      },
      {
        name: "reordered entries",
        entries: [...wire.slice(0, 5), wire[6]!, wire[5]!, ...wire.slice(7)].map(hex),
        expectedError: "chain_broken",
      },
      {
        name: "edited payload",
        entries: edited.map(hex),
        expectedError: "bad_signature",
      },
      {
        name: "entry signed by an uncertified key",
        entries: forged.map(encodeOrgLogEntry).map(hex),
        expectedError: "bad_signature",
      },
      {
        name: "entry signed by a removed admin",
        entries: byRemoved.map(encodeOrgLogEntry).map(hex),
        expectedError: "bad_signature",
      },
      {
        name: "entry signed by a rotated-away root key",
        entries: byOldRoot.map(encodeOrgLogEntry).map(hex),
        expectedError: "bad_signature",
      },
      {
        name: "the last admin removed",
        entries: lastAdmin.map(encodeOrgLogEntry).map(hex),
        expectedError: "invalid_transition",
      },
      {
        name: "edited admin-removed",
        entries: removal.map(hex),
        expectedError: "bad_signature",
      },
      {
        name: "other root key",
        entries: [
          hex(
            encodeOrgLogEntry(
              createOrgLogEntry({
                previous: null,
                payload: {
                  type: "genesis",
                  orgId: "x",
                  rootSigningKey: mallory.publicKey,
                  archiveKey: enc("a"),
                },
                signer: mallory,
                timestamp: 0,
              }),
            ),
          ),
        ],
        expectedError: "unknown_key",
      },
    ],
  };
}

function fingerprints(): VectorFiles["fingerprint"] {
  const vectors: VectorFiles["fingerprint"]["vectors"] = [];
  for (let i = 0; i < 3; i++) {
    const s = generateSigningKeyPair(seed(`fingerprint signing ${i}`)).publicKey;
    const e = generateEncryptionKeyPair(seed(`fingerprint encryption ${i}`)).publicKey;
    vectors.push({
      publicKey: hex(s),
      kind: "signing",
      fingerprint: fingerprint(s, "signing"),
    });
    vectors.push({
      publicKey: hex(e),
      kind: "encryption",
      fingerprint: fingerprint(e, "encryption"),
    });
  }
  const sizes = [0, 1, 255, 256, 257, 1000, 4096, 65535, 65536, 65537, 100_000, 1_000_000, 25 * 1024 * 1024 + 3];
  return { vectors, padSize: sizes.map((n) => [n, padSize(n)]) };
}

async function orgPins(): Promise<VectorFiles["orgPins"]> {
  const account = {
    masterKey: seed("pins master key"),
    signing: generateSigningKeyPair(seed("pins account signing key")),
    encryption: generateEncryptionKeyPair(seed("pins account encryption key")),
  };
  const bound = {
    masterKey: hex(account.masterKey),
    signingPublicKey: hex(account.signing.publicKey),
    encryptionPublicKey: hex(account.encryption.publicKey),
  };
  const root = (label: string) => generateSigningKeyPair(seed(`pins root ${label}`)).publicKey;
  const pin = (orgId: string, label: string, pinnedAt: number) => ({ orgId, rootSigningKey: root(label), pinnedAt });
  const cases = [
    { name: "one organisation (pinned at sign-up)", pins: [pin("beratungsstelle-nord", "nord", 1_735_689_600_000)] },
    {
      name: "three organisations, written in canonical order whatever the input order",
      pins: [
        pin("org_zeta_0001", "zeta", 1_735_689_600_003),
        pin("Org-Upper-01", "upper", 1_735_689_600_001),
        pin("org_alpha_001", "alpha", 1_735_689_600_002),
      ],
    },
    { name: "no organisation", pins: [] },
  ];
  const vectors: VectorFiles["orgPins"]["vectors"] = [];
  for (const [i, c] of cases.entries()) {
    const nonce = seed(`pins nonce ${i}`, 12);
    const blob = await encryptOrgPinsWithNonce(account, c.pins, nonce);
    const sorted = [...c.pins].sort((a, b) => (a.orgId < b.orgId ? -1 : 1));
    vectors.push({
      name: c.name,
      ...bound,
      nonce: hex(nonce),
      pins: sorted.map((p) => ({
        orgId: p.orgId,
        rootSigningKey: hex(p.rootSigningKey),
        pinnedAt: p.pinnedAt,
        fingerprint: fingerprint(p.rootSigningKey, "signing"),
      })),
      blob: hex(blob),
    });
  }
  const base = fromHex(vectors[0]!.blob);
  const flip = (i: number) => {
    const b = base.slice();
    b[i]! ^= 0x01;
    return hex(b);
  };
  const other = {
    masterKey: seed("pins other master key"),
    signing: generateSigningKeyPair(seed("pins other signing key")),
    encryption: generateEncryptionKeyPair(seed("pins other encryption key")),
  };
  // Well-sealed plaintexts that encodeOrgPins would never write.
  const entry = (w: ByteWriter, orgId: string, label: string) =>
    w.string(orgId).fixed(root(label), 32).u64(1_735_689_600_000);
  const unsorted = entry(entry(new ByteWriter().u32(2), "org_b_000001", "b"), "org_a_000001", "a").finish();
  const twice = entry(entry(new ByteWriter().u32(2), "org_a_000001", "a"), "org_a_000001", "b").finish();
  const trailing = new Uint8Array([...entry(new ByteWriter().u32(1), "org_a_000001", "a").finish(), 0]);
  const sealed = async (plaintext: Uint8Array, i: number) =>
    hex(await sealOrgPinsPlaintext(account, plaintext, seed(`pins bad nonce ${i}`, 12)));
  return {
    vectors,
    invalid: [
      { name: "flipped ciphertext byte", ...bound, blob: flip(base.length - 20), expectedError: "decrypt_failed" },
      { name: "flipped nonce byte", ...bound, blob: flip(5), expectedError: "decrypt_failed" },
      {
        name: "another account's public keys (the AAD binds the blob to its account)",
        ...bound,
        signingPublicKey: hex(other.signing.publicKey),
        blob: vectors[0]!.blob,
        expectedError: "decrypt_failed",
      },
      {
        name: "another master key",
        ...bound,
        masterKey: hex(other.masterKey),
        blob: vectors[0]!.blob,
        expectedError: "decrypt_failed",
      },
      {
        name: "future format version",
        ...bound,
        blob: "02" + vectors[0]!.blob.slice(2),
        expectedError: "unsupported_version",
      },
      { name: "wrong blob kind", ...bound, blob: "010101" + vectors[0]!.blob.slice(6), expectedError: "bad_format" },
      {
        name: "truncated below nonce and tag",
        ...bound,
        blob: vectors[0]!.blob.slice(0, 60),
        expectedError: "bad_format",
      },
      { name: "pins out of canonical order", ...bound, blob: await sealed(unsorted, 0), expectedError: "bad_format" },
      { name: "one organisation pinned twice", ...bound, blob: await sealed(twice, 1), expectedError: "bad_format" },
      { name: "trailing byte after the pins", ...bound, blob: await sealed(trailing, 2), expectedError: "bad_format" },
    ],
  };
}

async function cannedReply(): Promise<VectorFiles["cannedReply"]> {
  const teamId = "team_beratung_0001";
  const generation = 2;
  const team = generateEncryptionKeyPair(seed("canned reply team key"));
  const author = generateSigningKeyPair(seed("canned reply author"));
  const other = generateSigningKeyPair(seed("canned reply other staff"));
  const cases = [
    {
      name: "both forms of address",
      content: {
        title: "Erstkontakt",
        text: "Vielen Dank für Ihre Nachricht. Wir melden uns innerhalb von zwei Werktagen bei Ihnen.",
        textInformal: "Danke für deine Nachricht. Wir melden uns innerhalb von zwei Werktagen bei dir.",
      },
    },
    { name: "formal only", content: { title: "Termin", text: "Passt Ihnen Dienstag, 10 Uhr?" } },
    { name: "empty texts, non-ASCII title", content: { title: "Grüße — ✓", text: "", textInformal: "" } },
  ];
  const vectors: VectorFiles["cannedReply"]["vectors"] = [];
  for (const [i, c] of cases.entries()) {
    const contentKey = seed(`canned reply content key ${i}`);
    const nonce = seed(`canned reply nonce ${i}`, 12);
    const timestamp = 1_765_000_000_000 + i;
    const ciphertext = await sealCannedReplyWithKey(
      { team: { teamId, generation, publicKey: team.publicKey }, content: c.content, author, timestamp },
      contentKey,
      nonce,
    );
    vectors.push({
      name: c.name,
      teamId,
      generation,
      teamSecretKey: hex(team.secretKey),
      teamPublicKey: hex(team.publicKey),
      authorSecretKey: hex(author.secretKey),
      authorPublicKey: hex(author.publicKey),
      timestamp,
      contentKey: hex(contentKey),
      nonce: hex(nonce),
      content: c.content,
      wrap: hex(await wrapKey(team.publicKey, contentKey, cannedReplyWrapContext(teamId, generation))),
      ciphertext: hex(ciphertext),
    });
  }
  const v = vectors[0]!;
  const base = {
    teamId,
    generation,
    teamSecretKey: v.teamSecretKey,
    authorKeys: [hex(other.publicKey), v.authorPublicKey],
    sealedGeneration: generation,
    wrap: v.wrap,
    ciphertext: v.ciphertext,
  };
  const flip = (blobHex: string, i: number) => {
    const b = fromHex(blobHex);
    b[i]! ^= 0x01;
    return hex(b);
  };
  const ct = fromHex(v.ciphertext);
  const teamIdEnd = 3 + 4 + teamId.length;
  // The server has the team's public key: it can seal and wrap, but not sign as a colleague.
  const forged = await sealCannedReplyWithKey(
    {
      team: { teamId, generation, publicKey: team.publicKey },
      content: { title: "Erstkontakt", text: "Bitte überweisen Sie die Gebühr an …" },
      author: { publicKey: author.publicKey, secretKey: other.secretKey },
      timestamp: v.timestamp,
    },
    seed("canned reply forged key"),
    seed("canned reply forged nonce", 12),
  );
  const forgedWrap = await wrapKey(
    team.publicKey,
    seed("canned reply forged key"),
    cannedReplyWrapContext(teamId, generation),
  );
  const otherKey = seed("canned reply other content key");
  return {
    vectors,
    invalid: [
      {
        name: "author not trusted by the reader",
        ...base,
        authorKeys: [hex(other.publicKey)],
        expectedError: "unknown_key",
      },
      {
        name: "server-made snippet under the author's key id (no valid signature)",
        ...base,
        wrap: hex(forgedWrap),
        ciphertext: hex(forged),
        expectedError: "bad_signature",
      },
      {
        name: "wrap of another content key (the key commitment is signed)",
        ...base,
        wrap: hex(await wrapKey(team.publicKey, otherKey, cannedReplyWrapContext(teamId, generation))),
        expectedError: "bad_signature",
      },
      {
        name: "wrap made for the team key's own context",
        ...base,
        wrap: hex(
          await wrapKey(
            team.publicKey,
            seed(`canned reply content key 0`),
            wrapContext("team-key", [teamId, generation]),
          ),
        ),
        expectedError: "decrypt_failed",
      },
      {
        name: "flipped timestamp byte",
        ...base,
        ciphertext: flip(v.ciphertext, teamIdEnd + 11),
        expectedError: "bad_signature",
      },
      {
        name: "flipped ciphertext byte",
        ...base,
        ciphertext: flip(v.ciphertext, ct.length - 70),
        expectedError: "bad_signature",
      },
      {
        name: "flipped signature byte",
        ...base,
        ciphertext: flip(v.ciphertext, ct.length - 1),
        expectedError: "bad_signature",
      },
      {
        name: "stored generation differs from the sealed one",
        ...base,
        sealedGeneration: 1,
        expectedError: "bad_format",
      },
      { name: "opened as another team", ...base, teamId: "team_andere_00001", expectedError: "bad_format" },
      { name: "wrong blob kind", ...base, ciphertext: "010107" + v.ciphertext.slice(6), expectedError: "bad_format" },
      {
        name: "future format version",
        ...base,
        ciphertext: "02" + v.ciphertext.slice(2),
        expectedError: "unsupported_version",
      },
    ],
  };
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), "../../../test-vectors/crypto");
mkdirSync(outDir, { recursive: true });
const files: Record<string, unknown> = {
  "envelope.json": await envelope(),
  "key-wrap.json": await keyWrap(),
  "account-keys.json": await accountKeys(),
  "attachment-stream.json": await attachmentStream(),
  "org-log.json": orgLog(),
  "fingerprint.json": fingerprints(),
  "org-pins.json": await orgPins(),
  "canned-reply.json": await cannedReply(),
};
// `npm run gen-vectors -w @obhut/crypto -- org-log.json` rewrites only the named files (HPKE wraps elsewhere are randomised).
const only = process.argv.slice(2);
for (const [name, content] of Object.entries(files)) {
  if (only.length > 0 && !only.includes(name)) continue;
  writeFileSync(
    join(outDir, name),
    JSON.stringify(
      {
        generatedBy: "packages/crypto/scripts/gen-vectors.ts",
        format: "docs/CRYPTO.md",
        ...(content as object),
      },
      null,
      2,
    ) + "\n",
  );
  console.log(`wrote ${name}`);
}
