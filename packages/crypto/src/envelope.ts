// SPDX-License-Identifier: AGPL-3.0-or-later
import { constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { padWithLength, unpadWithLength } from "./padding";
import { GCM_NONCE_LENGTH, KEY_LENGTH, type SigningKeyPair, randomBytes } from "./primitives";
import { openSignedBlob, readSignedBody, sealSignedBlob, type SignedBody } from "./signed-blob";
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
  return sealSignedBlob({
    label: Label.sigMessage,
    header: encodeHeader(props.header),
    key: props.epochKey,
    nonce,
    padded: padWithLength(props.plaintext, MESSAGE_MIN_PADDED_LENGTH),
    signer: props.sender,
  });
}

function parse(blob: Uint8Array): { header: MessageHeader; body: SignedBody } {
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
  return { header, body: readSignedBody(r, blob) };
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
  const padded = await openSignedBlob({
    label: Label.sigMessage,
    body: m.body,
    key: keys.epochKey,
    signerKey: keys.senderPublicKey,
    what: "message",
  });
  return { header: m.header, plaintext: unpadWithLength(padded) };
}
