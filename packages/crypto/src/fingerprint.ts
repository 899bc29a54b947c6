// SPDX-License-Identifier: AGPL-3.0-or-later
import { concatBytes } from "./encoding";
import { CryptoError } from "./errors";
import { ByteWriter } from "./framing";
import { KEY_LENGTH, sha512 } from "./primitives";
import { Label } from "./suite";

/**
 * Human-comparable fingerprint in the style of Signal safety numbers:
 *   digest = SHA-512( u32be(len(label)) || label || u8(kind) || public key )
 *   for i in 0..11: group_i = uint40be(digest[5i .. 5i+5]) mod 100000, zero-padded to 5 digits
 * giving 12 groups of 5 digits (~199 bits). `kind` separates signing keys
 * (0x01) from encryption keys (0x02) so the same bytes used as two kinds of
 * key never show the same number. Reading 60 digits aloud is tedious but
 * unambiguous in any language, unlike word lists.
 */
export type FingerprintKind = "signing" | "encryption";

export function fingerprint(publicKey: Uint8Array, kind: FingerprintKind = "signing"): string {
  if (publicKey.length !== KEY_LENGTH) throw new CryptoError("bad_parameters", "public key must be 32 bytes");
  const digest = sha512(
    concatBytes(
      new ByteWriter()
        .string(Label.fingerprint)
        .u8(kind === "signing" ? 1 : 2)
        .finish(),
      publicKey,
    ),
  );
  const groups: string[] = [];
  for (let i = 0; i < 12; i++) {
    let n = 0;
    // 40-bit values stay exact in a double; the modulo bias (2^40 / 10^5) is negligible.
    for (let j = 0; j < 5; j++) n = n * 256 + digest[5 * i + j]!;
    groups.push(String(n % 100000).padStart(5, "0"));
  }
  return groups.join(" ");
}

/** Tolerates the spacing and line breaks people use when typing a fingerprint back. */
export function fingerprintMatches(
  publicKey: Uint8Array,
  expected: string,
  kind: FingerprintKind = "signing",
): boolean {
  return fingerprint(publicKey, kind).replace(/\s/g, "") === expected.replace(/\s/g, "");
}
