// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Fingerprint groups already computed (e.g. from a verified org log), as the
 * labelled list two people read to each other to compare. Its own module,
 * without the crypto package: the sign-up and agency pages render it with
 * the page and load the hashing code only when there is a key to hash
 * (counselling/org-identity.ts), so OPAQUE's code and WebAssembly stay off
 * the page load (docs/PERFORMANCE.md, bench:web).
 */
export function FingerprintList({ groups, label, id }: { groups: readonly string[]; label: string; id?: string }) {
  return (
    <ol id={id} className="fingerprint" aria-label={label}>
      {groups.map((group, index) => (
        <li key={index}>{group}</li>
      ))}
    </ol>
  );
}
