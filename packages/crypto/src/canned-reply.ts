// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Canned replies (Textbausteine) of a team, blob kind 0x0b (docs/CRYPTO.md §7f).
 *
 * A fresh content key seals the snippet with AES-256-GCM and is wrapped to the
 * team key generation with HPKE under its own context. The server holds the
 * team's public key, so encryption alone would let it make snippets of its
 * own: every snippet is signed by its author's certified staff key, and the
 * reader names the keys it accepts (from the verified org log).
 */
import { constantTimeEqual } from "./encoding";
import { CryptoError } from "./errors";
import { ByteReader, ByteWriter } from "./framing";
import { unwrapKey, wrapContext, wrapKey } from "./hpke";
import { padWithLength, unpadWithLength } from "./padding";
import { GCM_NONCE_LENGTH, KEY_LENGTH, type SigningKeyPair, randomBytes } from "./primitives";
import { openSignedBlob, readSignedBody, sealSignedBlob, type SignedBody } from "./signed-blob";
import { BlobKind, Label, readHeader, writeHeader } from "./suite";

/** What a lead writes: a title, the text in the formal address and optionally the text with "du". */
export interface CannedReplyContent {
  title: string;
  text: string;
  textInformal?: string;
}

export interface CannedReplyHeader {
  teamId: string;
  generation: number;
  /** Author's clock, milliseconds since the Unix epoch. */
  timestamp: number;
  /** Author's Ed25519 public key. */
  authorKeyId: Uint8Array;
}

/** What the server stores (base64url on the wire). */
export interface SealedCannedReply {
  generation: number;
  wrap: Uint8Array;
  ciphertext: Uint8Array;
}

/** The team key generation to seal to: its public key as the verified org log names it. */
export interface TeamPublicKey {
  teamId: string;
  generation: number;
  publicKey: Uint8Array;
}

/** Title, text and informal text together, encoded; keeps the base64url blob under the server's 64 KiB. */
export const CANNED_REPLY_MAX_CONTENT = 40_000;
const MIN_PADDED = 256;

export const cannedReplyWrapContext = (teamId: string, generation: number): Uint8Array =>
  wrapContext("canned-reply", [teamId, generation]);

function encodeHeader(h: CannedReplyHeader): Uint8Array {
  return writeHeader(new ByteWriter(), BlobKind.cannedReply)
    .string(h.teamId)
    .u32(h.generation)
    .u64(h.timestamp)
    .fixed(h.authorKeyId, KEY_LENGTH)
    .finish();
}

function encodeContent(c: CannedReplyContent): Uint8Array {
  const w = new ByteWriter().string(c.title).string(c.text);
  if (c.textInformal === undefined) w.u8(0);
  else w.u8(1).string(c.textInformal);
  return w.finish();
}

function decodeContent(bytes: Uint8Array): CannedReplyContent {
  const r = new ByteReader(bytes);
  const title = r.string();
  const text = r.string();
  const flag = r.u8();
  if (flag > 1) throw new CryptoError("bad_format", "bad informal flag");
  const content: CannedReplyContent = flag === 1 ? { title, text, textInformal: r.string() } : { title, text };
  r.end();
  return content;
}

/**
 * Seals a snippet for the team key generation `team` (from the verified org
 * log) and signs it with the author's certified staff key.
 */
export async function sealCannedReply(props: {
  team: TeamPublicKey;
  content: CannedReplyContent;
  author: SigningKeyPair;
  timestamp: number;
}): Promise<SealedCannedReply> {
  const contentKey = randomBytes(KEY_LENGTH);
  const wrap = await wrapKey(
    props.team.publicKey,
    contentKey,
    cannedReplyWrapContext(props.team.teamId, props.team.generation),
  );
  const ciphertext = await sealCannedReplyWithKey(props, contentKey, randomBytes(GCM_NONCE_LENGTH));
  return { generation: props.team.generation, wrap, ciphertext };
}

/** Internal: explicit content key and nonce (vectors). A content key seals one snippet only. */
export async function sealCannedReplyWithKey(
  props: { team: TeamPublicKey; content: CannedReplyContent; author: SigningKeyPair; timestamp: number },
  contentKey: Uint8Array,
  nonce: Uint8Array,
): Promise<Uint8Array> {
  const content = encodeContent(props.content);
  if (content.length > CANNED_REPLY_MAX_CONTENT) throw new CryptoError("bad_parameters", "canned reply too long");
  const header = encodeHeader({
    teamId: props.team.teamId,
    generation: props.team.generation,
    timestamp: props.timestamp,
    authorKeyId: props.author.publicKey,
  });
  // Signed: header || SHA-256(nonce || ct) || keyCommitment(content key) — binds team, generation, author, time, text and key.
  return sealSignedBlob({
    label: Label.sigCannedReply,
    header,
    key: contentKey,
    nonce,
    padded: padWithLength(content, MIN_PADDED),
    signer: props.author,
  });
}

function parse(blob: Uint8Array): { header: CannedReplyHeader; body: SignedBody } {
  const r = new ByteReader(blob);
  readHeader(r, BlobKind.cannedReply);
  const header: CannedReplyHeader = {
    teamId: r.string(),
    generation: r.u32(),
    timestamp: r.u64(),
    authorKeyId: r.fixed(KEY_LENGTH).slice(),
  };
  return { header, body: readSignedBody(r, blob) };
}

/** Unauthenticated peek (e.g. to name the author while the log loads). */
export function readCannedReplyHeader(ciphertext: Uint8Array): CannedReplyHeader {
  return parse(ciphertext).header;
}

/**
 * Opens a snippet of team `team.teamId`. `authorKeys` are the signing keys the
 * reader accepts as authors (certified members of the team, from the verified
 * org log), never keys from the server. Checks, in order: format → the stored
 * generation and the sealed team/generation agree with `team` (bad_format) →
 * author among `authorKeys` (unknown_key) → content key unwrap
 * (decrypt_failed) → signature (bad_signature; also a swapped wrap, since the
 * key commitment is signed) → decryption (decrypt_failed) → content.
 */
export async function openCannedReply(props: {
  sealed: SealedCannedReply;
  team: { teamId: string; generation: number; secretKey: Uint8Array };
  authorKeys: readonly Uint8Array[];
}): Promise<{ header: CannedReplyHeader; content: CannedReplyContent }> {
  const { sealed, team } = props;
  const m = parse(sealed.ciphertext);
  if (
    sealed.generation !== team.generation ||
    m.header.generation !== team.generation ||
    m.header.teamId !== team.teamId
  ) {
    throw new CryptoError("bad_format", "canned reply belongs to another team or generation");
  }
  if (!props.authorKeys.some((k) => constantTimeEqual(k, m.header.authorKeyId))) {
    throw new CryptoError("unknown_key", "canned reply author is not a trusted key");
  }
  const contentKey = await unwrapKey(team.secretKey, sealed.wrap, cannedReplyWrapContext(team.teamId, team.generation));
  const padded = await openSignedBlob({
    label: Label.sigCannedReply,
    body: m.body,
    key: contentKey,
    signerKey: m.header.authorKeyId,
    what: "canned reply",
  });
  return { header: m.header, content: decodeContent(unpadWithLength(padded)) };
}
