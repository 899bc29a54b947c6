// SPDX-License-Identifier: AGPL-3.0-or-later
import { fingerprint, fromBase64Url } from "@obhut/crypto";
import { useMemo } from "react";
import { FingerprintList } from "./fingerprint-list";

export { FingerprintList };

/**
 * A signing key's fingerprint (12 groups of 5 digits, docs/CRYPTO.md §10) as
 * the list two people read to each other to compare, from the key itself
 * (bytes) or as the server hands it out (base64url).
 */
export function FingerprintGroups({ signingKey, label }: { signingKey: Uint8Array | string; label: string }) {
  const groups = useMemo(
    () => fingerprint(typeof signingKey === "string" ? fromBase64Url(signingKey) : signingKey, "signing").split(" "),
    [signingKey],
  );
  return <FingerprintList groups={groups} label={label} />;
}
