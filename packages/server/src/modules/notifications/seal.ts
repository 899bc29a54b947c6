// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";

/**
 * Notice addresses are encrypted at rest with the instance notifyKey
 * (AES-256-GCM, as TOTP secrets are with the mfaKey): the server must read
 * them to send, so this protects database dumps and backups, not a running,
 * compromised server. The account id is bound as associated data, so a sealed
 * address cannot be moved to another account's row.
 */
const aad = (accountId: string) => Buffer.from(`obhut-notify-address-v1:${accountId}`);

export function sealNotifyAddress(notifyKey: string, accountId: string, address: string): string {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(notifyKey, "base64url"), nonce);
  cipher.setAAD(aad(accountId));
  const body = Buffer.concat([cipher.update(address, "utf8"), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url");
}

export function openNotifyAddress(notifyKey: string, accountId: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(notifyKey, "base64url"), raw.subarray(0, 12));
  decipher.setAAD(aad(accountId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
}

/** Confirmation tokens are stored only as their SHA-256. */
export function tokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}
