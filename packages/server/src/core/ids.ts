// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";

/** 128-bit random ids, base64url: unguessable and valid for the protocol's `Id` pattern. */
export function newId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("base64url");
}

export function timingSafeEqualStrings(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest();
  const hb = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}
