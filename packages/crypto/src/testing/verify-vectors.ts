// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Shared vector checks, runnable in Node (vitest) and in Chromium (the e2e
 * package bundles this module with Vite and passes it the same JSON).
 *
 *   verifyAllVectors(vectors: VectorFiles): Promise<VectorResult[]>
 *
 * `vectors` holds the parsed test-vectors/crypto/*.json files:
 *   { envelope, keyWrap, accountKeys, attachmentStream, orgLog, fingerprint, orgPins, cannedReply }
 * (envelope.json, key-wrap.json, account-keys.json, attachment-stream.json,
 * org-log.json, fingerprint.json, org-pins.json, canned-reply.json). The result has one entry per check:
 * { file, name, ok, error? }; all must be ok. It never throws.
 * Import it as "@obhut/crypto/testing"; it is not part of the main entry point.
 */
import { type Check, accountKeyChecks, attachmentChecks, envelopeChecks, keyWrapChecks } from "./vector-checks";
import { fingerprintChecks, orgLogChecks } from "./vector-checks-org";
import { cannedReplyChecks } from "./vector-checks-canned-reply";
import { orgPinsChecks } from "./vector-checks-pins";
import type { VectorFiles, VectorResult } from "./vector-types";

export type { VectorFiles, VectorResult } from "./vector-types";

export async function verifyAllVectors(vectors: VectorFiles): Promise<VectorResult[]> {
  const checks: Check[] = [
    ...envelopeChecks(vectors.envelope),
    ...keyWrapChecks(vectors.keyWrap),
    ...accountKeyChecks(vectors.accountKeys),
    ...attachmentChecks(vectors.attachmentStream),
    ...orgLogChecks(vectors.orgLog),
    ...fingerprintChecks(vectors.fingerprint),
    ...orgPinsChecks(vectors.orgPins),
    ...cannedReplyChecks(vectors.cannedReply),
  ];
  const results: VectorResult[] = [];
  for (const c of checks) {
    try {
      await c.run();
      results.push({ file: c.file, name: c.name, ok: true });
    } catch (e) {
      results.push({
        file: c.file,
        name: c.name,
        ok: false,
        error: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return results;
}

/** For logs: one line per failure. */
export function describeFailures(results: readonly VectorResult[]): string {
  return results
    .filter((r) => !r.ok)
    .map((r) => `${r.file} / ${r.name}: ${r.error}`)
    .join("\n");
}
