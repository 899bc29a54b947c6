// SPDX-License-Identifier: AGPL-3.0-or-later
import { toBase64Url } from "./encoding";
import type { FormerStaffKey, OrgLogState } from "./org-log";

/**
 * The former staff key `signingKey` if team `teamId`'s key generation
 * `generation` was the team's current one at some point while that key was
 * certified — i.e. published before the revocation, and not replaced before
 * the certification. An epoch record naming such a generation can have been
 * made while the key was certified; one naming a later generation cannot
 * (ADR 0031). Undefined for any other key or generation.
 */
export function formerStaffKeyDuring(
  state: OrgLogState,
  signingKey: Uint8Array,
  teamId: string,
  generation: number,
): FormerStaffKey | undefined {
  const former = state.formerStaff.get(toBase64Url(signingKey));
  const generations = state.teams.get(teamId)?.generations;
  const g = generations?.find((x) => x.generation === generation);
  if (!former || !g || g.publishedAt >= former.revokedAt) return undefined;
  const successor = generations!.find((x) => x.generation === generation + 1);
  if (successor && successor.publishedAt <= former.certifiedAt) return undefined;
  return former;
}

/**
 * The former staff key `signingKey` if `timestamp` — the signed time of a staff chat's epoch record — lies
 * while it was certified: at or after its certifying entry's time and before its revoking entry's. A chat's
 * epochs name no team key generation (docs/CRYPTO.md §7e), so the bound is the log's signed times, like the
 * generation bound for cases (ADR 0031) only as strong as the signer's clock: what the key signs afterwards with
 * an honest clock is refused. Undefined for any other key or time.
 */
export function formerStaffKeyAt(
  state: OrgLogState,
  signingKey: Uint8Array,
  timestamp: number,
): FormerStaffKey | undefined {
  const former = state.formerStaff.get(toBase64Url(signingKey));
  if (!former || timestamp < former.certifiedTime || timestamp >= former.revokedTime) return undefined;
  return former;
}
