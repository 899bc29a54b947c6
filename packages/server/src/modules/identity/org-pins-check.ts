// SPDX-License-Identifier: AGPL-3.0-or-later
import { checkOrgPinsBlob, fromBase64Url, isCryptoError } from "@obhut/crypto";
import { AppError } from "../../core/errors";

/**
 * The pinned organisations of a key bundle (docs/CRYPTO.md §4b): header and
 * length only — the server has no key — so it refuses what no browser could
 * ever open. Used wherever a bundle or its pins come in.
 */
export function checkOrgPins(b64: string): void {
  try {
    checkOrgPinsBlob(fromBase64Url(b64));
  } catch (err) {
    if (isCryptoError(err)) throw new AppError("invalid_body", `The pinned organisations are not valid (${err.code})`);
    throw err;
  }
}
