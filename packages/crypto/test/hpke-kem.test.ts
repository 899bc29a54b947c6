// SPDX-License-Identifier: AGPL-3.0-or-later
import { Aes128Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { describe, expect, it } from "vitest";
import { asBufferSource, fromHex, toHex } from "../src/encoding";
import { createX25519Kem } from "../src/hpke";
import { encryptionPublicKeyOf } from "../src/primitives";

/**
 * RFC 9180 Appendix A.1.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * AES-128-GCM, base mode, first encryption. Our suite uses AES-256-GCM, but the
 * KEM and the key schedule are the same, so this pins the X25519 KEM we build
 * to the RFC's bytes.
 */
const A11 = {
  info: "4f6465206f6e2061204772656369616e2055726e",
  ikmE: "7268600d403fce431561aef583ee1613527cff655c1343f29812e66706df3234",
  pkRm: "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d",
  skRm: "4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8",
  enc: "37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431",
  sharedSecret: "fe0e18c9f024ce43799ae393c7e8fe8fce9d218875e8227b0187c04e7d2ea1fc",
  pt: "4265617574792069732074727574682c20747275746820626561757479",
  aad: "436f756e742d30",
  ct: "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
};

const bytes = (hex: string) => asBufferSource(fromHex(hex));

describe("HPKE DHKEM(X25519, HKDF-SHA256)", () => {
  it("derives the recipient public key with the same X25519 as our key pairs (RFC 9180 A.1.1)", async () => {
    const kem = createX25519Kem();
    const sk = await kem.importKey("raw", bytes(A11.skRm).buffer, false);
    const pair = await kem.deriveKeyPair(bytes(A11.ikmE));
    expect(toHex(new Uint8Array(await kem.serializePublicKey(pair.publicKey)))).toBe(A11.enc);
    expect(toHex(encryptionPublicKeyOf(fromHex(A11.skRm)))).toBe(A11.pkRm);
    expect(toHex(new Uint8Array(await kem.decap({ recipientKey: sk, enc: bytes(A11.enc) })))).toBe(A11.sharedSecret);
  });

  it("seals and opens the RFC 9180 A.1.1 message byte for byte", async () => {
    const suite = new CipherSuite({ kem: createX25519Kem(), kdf: new HkdfSha256(), aead: new Aes128Gcm() });
    const recipientPublicKey = await suite.kem.deserializePublicKey(bytes(A11.pkRm));
    const sealed = await suite.seal(
      { recipientPublicKey, info: bytes(A11.info), ekm: bytes(A11.ikmE) },
      bytes(A11.pt),
      bytes(A11.aad),
    );
    expect(toHex(new Uint8Array(sealed.enc))).toBe(A11.enc);
    expect(toHex(new Uint8Array(sealed.ct))).toBe(A11.ct);
    const recipientKey = await suite.kem.importKey("raw", bytes(A11.skRm).buffer, false);
    const opened = await suite.open(
      { recipientKey, enc: bytes(A11.enc), info: bytes(A11.info) },
      bytes(A11.ct),
      bytes(A11.aad),
    );
    expect(toHex(new Uint8Array(opened))).toBe(A11.pt);
  });
});
