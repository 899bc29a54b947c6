// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes, constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { padSize } from "./padding";
import {
  GCM_NONCE_LENGTH,
  KEY_LENGTH,
  SIGNATURE_LENGTH,
  type SigningKeyPair,
  aesGcmDecrypt,
  aesGcmEncrypt,
  keyCommitment,
  randomBytes,
  sha256,
  signWithDomain,
  verifyWithDomain,
} from "./primitives";
import { BlobKind, FORMAT_VERSION, Label, SUITE_V1, readHeader, writeHeader } from "./suite";

export interface MessageHeader {
  version: number;
  suite: number;
  conversationId: string;
  epoch: number;
  messageId: string;
  /** Sender's clock, milliseconds since the Unix epoch. */
  timestamp: number;
  /** Sender's Ed25519 public key. */
  senderKeyId: Uint8Array;
}

export type MessageHeaderInput = Omit<MessageHeader, "version" | "suite">;

/** Messages are padded to a Padmé bucket of at least this many bytes so short replies all look alike. */
export const MESSAGE_MIN_PADDED_LENGTH = 256;

function encodeHeader(h: MessageHeaderInput): Uint8Array {
  return writeHeader(new ByteWriter(), BlobKind.message)
    .string(h.conversationId)
    .u32(h.epoch)
    .string(h.messageId)
    .u64(h.timestamp)
    .fixed(h.senderKeyId, KEY_LENGTH)
    .finish();
}

/**
 * Signed bytes = header || SHA-256(nonce || ciphertext) || keyCommitment(epoch key).
 * The header carries suite, conversation, epoch, message id, timestamp and
 * sender; the key commitment makes the signed message bind one key, which
 * AES-GCM alone does not.
 */
function signedBytes(header: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, epochKey: Uint8Array): Uint8Array {
  return concatBytes(header, sha256(concatBytes(nonce, ciphertext)), keyCommitment(epochKey));
}

function pad(plaintext: Uint8Array): Uint8Array {
  const total = padSize(4 + plaintext.length, MESSAGE_MIN_PADDED_LENGTH);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, plaintext.length);
  out.set(plaintext, 4);
  return out;
}

function unpad(padded: Uint8Array): Uint8Array {
  if (padded.length < 4) throw new CryptoError("bad_format", "padded plaintext too short");
  const length = new DataView(padded.buffer, padded.byteOffset, 4).getUint32(0);
  if (length > padded.length - 4) throw new CryptoError("bad_format", "bad padding length");
  return padded.slice(4, 4 + length);
}

/**
 * Encrypts and signs. There is no unencrypted variant: if any step fails the
 * promise rejects and nothing is returned to send.
 */
export async function sealMessage(props: {
  header: MessageHeaderInput;
  plaintext: Uint8Array;
  epochKey: Uint8Array;
  sender: SigningKeyPair;
}): Promise<Uint8Array> {
  return sealMessageWithNonce(props, randomBytes(GCM_NONCE_LENGTH));
}

/** Internal: explicit nonce (vectors). Nonces must never repeat under one epoch key. */
export async function sealMessageWithNonce(
  props: {
    header: MessageHeaderInput;
    plaintext: Uint8Array;
    epochKey: Uint8Array;
    sender: SigningKeyPair;
  },
  nonce: Uint8Array,
): Promise<Uint8Array> {
  if (!constantTimeEqual(props.header.senderKeyId, props.sender.publicKey)) {
    throw new CryptoError("bad_parameters", "senderKeyId must be the sender's public key");
  }
  const header = encodeHeader(props.header);
  const ciphertext = await aesGcmEncrypt(props.epochKey, nonce, pad(props.plaintext), header);
  const signature = signWithDomain(
    Label.sigMessage,
    signedBytes(header, nonce, ciphertext, props.epochKey),
    props.sender.secretKey,
  );
  return concatBytes(
    header,
    new ByteWriter().fixed(nonce, GCM_NONCE_LENGTH).bytes(ciphertext).fixed(signature, SIGNATURE_LENGTH).finish(),
  );
}

interface ParsedMessage {
  header: MessageHeader;
  headerBytes: Uint8Array;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  signature: Uint8Array;
}

function parse(blob: Uint8Array): ParsedMessage {
  const r = new ByteReader(blob);
  readHeader(r, BlobKind.message);
  const header: MessageHeader = {
    version: FORMAT_VERSION,
    suite: SUITE_V1,
    conversationId: r.string(),
    epoch: r.u32(),
    messageId: r.string(),
    timestamp: r.u64(),
    senderKeyId: r.fixed(KEY_LENGTH).slice(),
  };
  const headerBytes = blob.subarray(0, r.position());
  const nonce = r.fixed(GCM_NONCE_LENGTH);
  const ciphertext = r.bytes();
  const signature = r.fixed(SIGNATURE_LENGTH);
  r.end();
  return { header, headerBytes, nonce, ciphertext, signature };
}

/** Unauthenticated peek, only to find which epoch key and sender key to look up. */
export function readMessageHeader(blob: Uint8Array): MessageHeader {
  return parse(blob).header;
}

/**
 * Verifies the sender's signature, then decrypts. `senderPublicKey` must come
 * from the verified org log or case binding, never from the blob itself.
 * Throws unknown_key, bad_signature, decrypt_failed or bad_format.
 */
export async function openMessage(
  blob: Uint8Array,
  keys: {
    epochKey: Uint8Array;
    senderPublicKey: Uint8Array;
    conversationId?: string;
    epoch?: number;
  },
): Promise<{ header: MessageHeader; plaintext: Uint8Array }> {
  const m = parse(blob);
  if (!constantTimeEqual(m.header.senderKeyId, keys.senderPublicKey)) {
    throw new CryptoError("unknown_key", "message was not sent by the expected key");
  }
  if (
    (keys.conversationId !== undefined && keys.conversationId !== m.header.conversationId) ||
    (keys.epoch !== undefined && keys.epoch !== m.header.epoch)
  ) {
    throw new CryptoError("bad_format", "message belongs to another conversation or epoch");
  }
  const signed = signedBytes(m.headerBytes, m.nonce, m.ciphertext, keys.epochKey);
  if (!verifyWithDomain(Label.sigMessage, signed, m.signature, keys.senderPublicKey)) {
    throw new CryptoError("bad_signature", "message signature invalid");
  }
  const padded = await aesGcmDecrypt(keys.epochKey, m.nonce, m.ciphertext, m.headerBytes);
  return { header: m.header, plaintext: unpad(padded) };
}
