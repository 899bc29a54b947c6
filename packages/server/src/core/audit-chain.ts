// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";

/**
 * The hash rule of the tamper-evident audit log (see docs/adr/0010). Every
 * event commits to its chain, its position and its predecessor; changing,
 * removing or reordering any event changes every hash after it.
 */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  chain: string;
  seq: number;
  prevHash: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: string;
  createdAt: number;
}

export function auditHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    "obhut/v1/audit",
    e.chain,
    e.seq,
    e.prevHash,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.data,
    e.createdAt,
  ]);
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** What an anchor signs: the chain's head at one moment. */
export function anchorMessage(chain: string, seq: number, hash: string): Buffer {
  return Buffer.from(JSON.stringify(["obhut/v1/audit-anchor", chain, seq, hash]));
}

/** Ed25519 key pair for anchors, kept in secrets.json as JWK fields (base64url). */
export function signAnchor(key: { d: string; x: string }, message: Buffer): string {
  const privateKey = crypto.createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", d: key.d, x: key.x },
    format: "jwk",
  });
  return crypto.sign(null, message, privateKey).toString("base64url");
}

export function verifyAnchor(publicKeyX: string, message: Buffer, signature: string): boolean {
  try {
    const publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: publicKeyX }, format: "jwk" });
    return crypto.verify(null, message, publicKey, Buffer.from(signature, "base64url"));
  } catch {
    return false;
  }
}

/** Short, comparable fingerprint of the anchor public key (shown by `obhut audit verify`). */
export function anchorKeyFingerprint(publicKeyX: string): string {
  const digest = crypto.createHash("sha256").update(Buffer.from(publicKeyX, "base64url")).digest("hex");
  return digest.slice(0, 32).match(/.{4}/g)!.join(" ");
}
