// SPDX-License-Identifier: AGPL-3.0-or-later
import { Dhkem, KemId, XCurveDhkemPrimitives } from "@hpke/common";
import { Aes256Gcm, CipherSuite, HkdfSha256 } from "@hpke/core";
import { x25519 } from "@noble/curves/ed25519.js";
import { asBufferSource } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { GCM_TAG_LENGTH, KEY_LENGTH } from "./primitives";
import { BlobKind, Label, headerBytes, readHeader, writeHeader } from "./suite";

/** @hpke's curve interface differs from noble's only in an asynchronous randomSecretKey. */
const hpkeX25519: ConstructorParameters<typeof XCurveDhkemPrimitives>[2] = {
  ...x25519,
  utils: { randomSecretKey: () => Promise.resolve(x25519.utils.randomSecretKey()) },
};

/**
 * DHKEM(X25519, HKDF-SHA256) from @hpke's generic DHKEM over the X25519 of
 * @noble/curves, the same implementation our key pairs use (primitives.ts):
 * one X25519 in the app, pure JS, so it works on browsers without WebCrypto
 * X25519 (Safari < 17, older Chromium). @hpke/dhkem-x25519 would bring a
 * second, vendored copy of it (docs/adr/0022).
 */
class DhkemX25519HkdfSha256 extends Dhkem {
  // The generic Dhkem leaves the sizes at 0; RFC 9180 §7.1: Nsecret = Nenc = Npk = Nsk = 32.
  override readonly secretSize = 32;
  override readonly encSize = 32;
  override readonly publicKeySize = 32;
  override readonly privateKeySize = 32;

  constructor() {
    const kdf = new HkdfSha256();
    super(KemId.DhkemX25519HkdfSha256, new XCurveDhkemPrimitives("X25519", 32, hpkeX25519, kdf), kdf);
  }
}

export function createX25519Kem(): Dhkem {
  return new DhkemX25519HkdfSha256();
}

/**
 * RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM.
 * HKDF and AES-GCM use WebCrypto HMAC/AES, which every browser in a secure
 * context has.
 */
let suite: CipherSuite | undefined;
function hpkeSuite(): CipherSuite {
  suite ??= new CipherSuite({
    kem: createX25519Kem(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  return suite;
}

const ENC_LENGTH = 32;
export const KEY_WRAP_LENGTH = 3 + ENC_LENGTH + KEY_LENGTH + GCM_TAG_LENGTH;

export type WrapContextField = string | number | Uint8Array;

/**
 * Canonical context for a wrap, e.g. wrapContext("team-key", [teamId, generation]).
 * It becomes part of the HPKE `info`, so a wrap made for team A generation 3
 * cannot be presented as team B's key or as an epoch key: opening fails.
 */
export function wrapContext(purpose: string, fields: readonly WrapContextField[]): Uint8Array {
  const w = new ByteWriter().string(purpose).u32(fields.length);
  for (const field of fields) {
    if (typeof field === "string") w.u8(1).string(field);
    else if (typeof field === "number") w.u8(2).u64(field);
    else w.u8(3).bytes(field);
  }
  return w.finish();
}

function hpkeInfo(context: Uint8Array): Uint8Array<ArrayBuffer> {
  return asBufferSource(new ByteWriter().string(Label.hpkeKeyWrap).bytes(context).finish());
}

/** Wraps a 32-byte secret to an X25519 public key. Randomised (fresh ephemeral key per call). */
export async function wrapKey(
  recipientPublicKey: Uint8Array,
  key: Uint8Array,
  context: Uint8Array,
): Promise<Uint8Array> {
  if (key.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "only 32-byte keys are wrapped");
  if (recipientPublicKey.length !== KEY_LENGTH)
    throw new CryptoError("bad_parameters", "X25519 public key must be 32 bytes");
  const s = hpkeSuite();
  let sealed: { enc: ArrayBuffer; ct: ArrayBuffer };
  try {
    const recipient = await s.kem.deserializePublicKey(asBufferSource(recipientPublicKey));
    sealed = await s.seal(
      { recipientPublicKey: recipient, info: hpkeInfo(context) },
      asBufferSource(key),
      asBufferSource(headerBytes(BlobKind.keyWrap)),
    );
  } catch (cause) {
    // e.g. an all-zero / low-order public key yields a zero shared secret, which HPKE rejects.
    throw new CryptoError("bad_parameters", "cannot wrap to this public key", {
      cause,
    });
  }
  return writeHeader(new ByteWriter(), BlobKind.keyWrap)
    .fixed(new Uint8Array(sealed.enc), ENC_LENGTH)
    .fixed(new Uint8Array(sealed.ct), KEY_LENGTH + GCM_TAG_LENGTH)
    .finish();
}

export async function unwrapKey(
  recipientSecretKey: Uint8Array,
  wrapped: Uint8Array,
  context: Uint8Array,
): Promise<Uint8Array> {
  const reader = new ByteReader(wrapped);
  readHeader(reader, BlobKind.keyWrap);
  const enc = reader.fixed(ENC_LENGTH);
  const ct = reader.fixed(KEY_LENGTH + GCM_TAG_LENGTH);
  reader.end();
  const s = hpkeSuite();
  try {
    const recipientKey = await s.kem.importKey("raw", asBufferSource(new Uint8Array(recipientSecretKey)).buffer, false);
    const pt = await s.open(
      { recipientKey, enc: asBufferSource(enc), info: hpkeInfo(context) },
      asBufferSource(ct),
      asBufferSource(headerBytes(BlobKind.keyWrap)),
    );
    return new Uint8Array(pt);
  } catch (cause) {
    throw new CryptoError("decrypt_failed", "key unwrap failed", { cause });
  }
}
