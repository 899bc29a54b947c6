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
