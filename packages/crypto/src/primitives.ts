// SPDX-License-Identifier: AGPL-3.0-or-later
import { ed25519, x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 as nobleSha256, sha512 as nobleSha512 } from "@noble/hashes/sha2.js";
import { asBufferSource, concatBytes, utf8Encode } from "./encoding";
import { CryptoError } from "./errors";
import { ByteWriter } from "./framing";
import { Label } from "./suite";

/**
 * Thin wrappers over audited libraries: WebCrypto for randomness and
 * AES-256-GCM (hardware accelerated, present in every browser and Node),
 * @noble for hashes, HKDF, Ed25519 and X25519 (pure JS, so no dependency on
 * WebCrypto curve support, which older Safari lacks).
 */

export const KEY_LENGTH = 32;
export const GCM_NONCE_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;
export const SIGNATURE_LENGTH = 64;

function webCrypto(): Crypto {
  const c = globalThis.crypto;
  if (!c?.subtle || !c.getRandomValues) {
    // A page served over plain http has no crypto.subtle; refuse rather than degrade.
    throw new CryptoError("unsupported_version", "WebCrypto (crypto.subtle) is not available");
  }
  return c;
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues is limited to 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) webCrypto().getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

export function sha512(data: Uint8Array): Uint8Array {
  return nobleSha512(data);
}

export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: string, length = KEY_LENGTH): Uint8Array {
  return hkdf(nobleSha256, ikm, salt, utf8Encode(info), length);
}

export async function importAesKey(key: Uint8Array, usage: "encrypt" | "decrypt"): Promise<CryptoKey> {
  if (key.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "AES-256 key must be 32 bytes");
  return webCrypto().subtle.importKey("raw", asBufferSource(key), { name: "AES-GCM" }, false, [usage]);
}

/**
 * A fresh AES-256-GCM key that WebCrypto will never hand out as bytes
 * (`extractable: false`): script on the page can use it but not copy it.
 * Browsers can keep such a key in IndexedDB (structured clone).
 */
export async function generateNonExtractableAesKey(): Promise<CryptoKey> {
  return webCrypto().subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** Raw bytes as a non-extractable AES-256-GCM key for encrypt and decrypt (test vectors of device wraps). */
export async function importNonExtractableAesKey(key: Uint8Array): Promise<CryptoKey> {
  if (key.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "AES-256 key must be 32 bytes");
  return webCrypto().subtle.importKey("raw", asBufferSource(key), { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
}

export async function aesGcmEncrypt(
  key: Uint8Array | CryptoKey,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  if (nonce.length !== GCM_NONCE_LENGTH) throw new CryptoError("bad_parameters", "GCM nonce must be 12 bytes");
  const cryptoKey = key instanceof Uint8Array ? await importAesKey(key, "encrypt") : key;
  const out = await webCrypto().subtle.encrypt(
    {
      name: "AES-GCM",
      iv: asBufferSource(nonce),
      additionalData: asBufferSource(aad),
      tagLength: 128,
    },
    cryptoKey,
    asBufferSource(plaintext),
  );
  return new Uint8Array(out);
}

/** Any failure (wrong key, flipped bit, wrong AAD) becomes `decrypt_failed`; callers never see partial plaintext. */
export async function aesGcmDecrypt(
  key: Uint8Array | CryptoKey,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  if (nonce.length !== GCM_NONCE_LENGTH) throw new CryptoError("bad_format", "GCM nonce must be 12 bytes");
  if (ciphertext.length < GCM_TAG_LENGTH) throw new CryptoError("bad_format", "ciphertext shorter than tag");
  const cryptoKey = key instanceof Uint8Array ? await importAesKey(key, "decrypt") : key;
  try {
    const out = await webCrypto().subtle.decrypt(
      {
        name: "AES-GCM",
        iv: asBufferSource(nonce),
        additionalData: asBufferSource(aad),
        tagLength: 128,
      },
      cryptoKey,
      asBufferSource(ciphertext),
    );
    return new Uint8Array(out);
  } catch (cause) {
    throw new CryptoError("decrypt_failed", "authentication failed", { cause });
  }
}

export interface SigningKeyPair {
  /** 32-byte Ed25519 seed (RFC 8032 private key). */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function generateSigningKeyPair(seed?: Uint8Array): SigningKeyPair {
  const secretKey = seed ?? randomBytes(KEY_LENGTH);
  if (secretKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "Ed25519 seed must be 32 bytes");
  return { secretKey, publicKey: ed25519.getPublicKey(secretKey) };
}

export interface EncryptionKeyPair {
  /** 32-byte X25519 private scalar (clamped on use, RFC 7748). */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function generateEncryptionKeyPair(secret?: Uint8Array): EncryptionKeyPair {
  const secretKey = secret ?? randomBytes(KEY_LENGTH);
  if (secretKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "X25519 key must be 32 bytes");
  return { secretKey, publicKey: x25519.getPublicKey(secretKey) };
}

export function encryptionPublicKeyOf(secretKey: Uint8Array): Uint8Array {
  return x25519.getPublicKey(secretKey);
}

export function signingPublicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/**
 * Every signature covers a domain label before the message, so a signature
 * made for a log entry can never verify as a message signature and vice versa.
 */
function signingInput(domain: string, message: Uint8Array): Uint8Array {
  return concatBytes(new ByteWriter().string(domain).finish(), message);
}

export function signWithDomain(domain: string, message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return ed25519.sign(signingInput(domain, message), secretKey);
}

/** Strict RFC 8032 verification (zip215 off): rejects non-canonical encodings and small-order keys. */
export function verifyWithDomain(
  domain: string,
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_LENGTH || publicKey.length !== KEY_LENGTH) return false;
  try {
    return ed25519.verify(signature, signingInput(domain, message), publicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}

/**
 * AES-GCM is not key-committing: a ciphertext can be crafted to decrypt under
 * two keys. Signing this hash of the key next to the ciphertext hash closes
 * that gap for signed messages and lets recipients check unwrapped keys.
 */
export function keyCommitment(key: Uint8Array): Uint8Array {
  return sha256(concatBytes(new ByteWriter().string(Label.keyCommitment).finish(), key));
}
