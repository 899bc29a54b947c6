// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes } from "./encoding";
import { CryptoError } from "./errors";
import { type ByteReader, ByteWriter } from "./framing";
import {
  GCM_NONCE_LENGTH,
  SIGNATURE_LENGTH,
  type SigningKeyPair,
  aesGcmDecrypt,
  aesGcmEncrypt,
  keyCommitment,
  sha256,
  signWithDomain,
  verifyWithDomain,
} from "./primitives";

/**
 * The body shared by messages (envelope.ts) and canned replies
 * (canned-reply.ts): header || nonce || AES-GCM(key, padded, aad = header) ||
 * signature, where the signature (in its own domain `label`) covers
 * header || SHA-256(nonce || ciphertext) || keyCommitment(key). The key
 * commitment makes the signed blob bind one key, which AES-GCM alone does not.
 */
function signedBytes(header: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, key: Uint8Array): Uint8Array {
  return concatBytes(header, sha256(concatBytes(nonce, ciphertext)), keyCommitment(key));
}

export async function sealSignedBlob(props: {
  label: string;
  header: Uint8Array;
  key: Uint8Array;
  nonce: Uint8Array;
  padded: Uint8Array;
  signer: SigningKeyPair;
}): Promise<Uint8Array> {
  const ciphertext = await aesGcmEncrypt(props.key, props.nonce, props.padded, props.header);
  const signature = signWithDomain(
    props.label,
    signedBytes(props.header, props.nonce, ciphertext, props.key),
    props.signer.secretKey,
  );
  return concatBytes(
    props.header,
    new ByteWriter().fixed(props.nonce, GCM_NONCE_LENGTH).bytes(ciphertext).fixed(signature, SIGNATURE_LENGTH).finish(),
  );
}

export interface SignedBody {
  headerBytes: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
}

/** Reads the rest of the blob once its header fields are read from `r`. */
export function readSignedBody(r: ByteReader, blob: Uint8Array): SignedBody {
  const headerBytes = blob.subarray(0, r.position());
  const nonce = r.fixed(GCM_NONCE_LENGTH);
  const ciphertext = r.bytes();
  const signature = r.fixed(SIGNATURE_LENGTH);
  r.end();
  return { headerBytes, nonce, ciphertext, signature };
}

/** Verifies the signature by `signerKey` (bad_signature, naming `what`), then decrypts: the padded plaintext. */
export async function openSignedBlob(props: {
  label: string;
  body: SignedBody;
  key: Uint8Array;
  signerKey: Uint8Array;
  what: string;
}): Promise<Uint8Array> {
  const { body } = props;
  const signed = signedBytes(body.headerBytes, body.nonce, body.ciphertext, props.key);
  if (!verifyWithDomain(props.label, signed, body.signature, props.signerKey)) {
    throw new CryptoError("bad_signature", `${props.what} signature invalid`);
  }
  return aesGcmDecrypt(props.key, body.nonce, body.ciphertext, body.headerBytes);
}
