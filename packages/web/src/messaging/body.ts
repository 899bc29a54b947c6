// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Decode, utf8Encode } from "@obhut/crypto";
import { LIMITS } from "./limits";
import * as z from "zod/mini";

/**
 * The plaintext inside a sealed message envelope: UTF-8 JSON, validated on
 * every open. Everything that describes an attachment — name, type, true
 * size, file key and hash — lives here, inside the signed and encrypted
 * envelope, so the server only ever sees an attachment id next to padded
 * ciphertext (docs/CRYPTO.md §9). `v` lets later clients add fields;
 * unknown versions are shown as "cannot display" instead of guessed at.
 */
export const BODY_VERSION = 1;

/** Characters of text in one message; the sealed envelope must stay below 64 KiB. */
export const MAX_TEXT_CHARS = 20_000;
export const MAX_ATTACHMENTS = 10;

const B64Url = z.string().check(z.regex(/^[A-Za-z0-9_-]*$/));

export const AttachmentRef = z.strictObject({
  /** Server id of the uploaded ciphertext. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  /** File name as the sender chose it (display only; never used as a path). */
  name: z.string().check(z.minLength(1), z.maxLength(255)),
  /** Media type as the sender's browser reported it. */
  type: z.string().check(z.maxLength(255)),
  /** True plaintext size; the upload is padded beyond it. */
  size: z.number().check(z.int(), z.minimum(0), z.maximum(LIMITS.attachmentMaxBytes)),
  /** 32-byte file key of the attachment stream, base64url. */
  key: B64Url.check(z.length(43)),
  /** SHA-256 of the plaintext, base64url; checked after decryption. */
  sha256: B64Url.check(z.length(43)),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** Colleagues one message may mention at most. */
export const MAX_MENTIONS = 50;

export const MessageBody = z.strictObject({
  v: z.literal(BODY_VERSION),
  text: z.string().check(z.maxLength(MAX_TEXT_CHARS)),
  attachments: z.array(AttachmentRef).check(z.maxLength(MAX_ATTACHMENTS)),
  /**
   * Team chats: the account ids of the colleagues the text mentions ("@Name"; ADR 0040). Inside the sealed
   * envelope like the text, so the server never learns who was mentioned. Optional: absent in every other message.
   */
  mentions: z.optional(z.array(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))).check(z.maxLength(MAX_MENTIONS))),
});
export type MessageBody = z.infer<typeof MessageBody>;

export class BodyFormatError extends Error {
  override readonly name = "BodyFormatError";
}

export function encodeBody(body: MessageBody): Uint8Array {
  const checked = MessageBody.safeParse(body);
  if (!checked.success) throw new BodyFormatError("message body does not match the format");
  if (checked.data.text.trim() === "" && checked.data.attachments.length === 0) {
    throw new BodyFormatError("empty message");
  }
  return utf8Encode(JSON.stringify(checked.data));
}

/** Parses decrypted bytes; anything that is not exactly a v1 body throws BodyFormatError. */
export function decodeBody(bytes: Uint8Array): MessageBody {
  let json: unknown;
  try {
    json = JSON.parse(utf8Decode(bytes));
  } catch {
    throw new BodyFormatError("message body is not JSON");
  }
  const parsed = MessageBody.safeParse(json);
  if (!parsed.success) throw new BodyFormatError("message body does not match the format");
  return parsed.data;
}

export function textBody(text: string, attachments: AttachmentRef[] = []): MessageBody {
  return { v: BODY_VERSION, text, attachments };
}
