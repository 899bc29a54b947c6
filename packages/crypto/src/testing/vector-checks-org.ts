// SPDX-License-Identifier: AGPL-3.0-or-later
/** Org log and fingerprint vector checks (split from vector-checks.ts for size). */
import { fromHex, toBase64Url } from "../encoding";
import { fingerprint } from "../fingerprint";
import { verifyOrgLog } from "../org-log";
import { decodeOrgLogEntry, encodeOrgLogEntry } from "../org-log-entry";
import { padSize } from "../padding";
import { type Check, check, expectError, same } from "./vector-checks";
import type { VectorFiles } from "./vector-types";

export function orgLogChecks(v: VectorFiles["orgLog"]): Check[] {
  const valid: Check = {
    file: "orgLog",
    name: "valid log",
    run: () => {
      const wire = v.entries.map(fromHex);
      for (const [i, w] of wire.entries())
        same(encodeOrgLogEntry(decodeOrgLogEntry(w)), v.entries[i]!, `entry ${i} re-encoding`);
      const state = verifyOrgLog(wire, {
        pinnedRootFingerprint: v.rootFingerprint,
      });
      const e = v.expected;
      const ids = (m: Map<string, { accountId: string }>) => [...m.values()].map((k) => k.accountId).sort();
      check(state.orgId === e.orgId, "orgId");
      check(JSON.stringify(ids(state.admins)) === JSON.stringify([...e.admins].sort()), "admins");
      check(JSON.stringify(ids(state.staff)) === JSON.stringify([...e.staff].sort()), "staff");
      for (const [teamId, team] of Object.entries(e.teams)) {
        const t = state.teams.get(teamId);
        check(t !== undefined, `team ${teamId}`);
        const members = [...t!.members].map((k) => state.staff.get(k)!.accountId).sort();
        check(JSON.stringify(members) === JSON.stringify([...team.members].sort()), `team ${teamId} members`);
        check(
          JSON.stringify(t!.generations.map((g) => g.generation)) === JSON.stringify(team.generations),
          `team ${teamId} generations`,
        );
        if (team.publishedAt)
          check(
            JSON.stringify(t!.generations.map((g) => g.publishedAt)) === JSON.stringify(team.publishedAt),
            `team ${teamId} generations published at`,
          );
      }
      if (e.formerStaff) {
        const former = [...state.formerStaff.values()].map((k) => ({
          accountId: k.accountId,
          signingKey: toBase64Url(k.signingKey),
          certifiedAt: k.certifiedAt,
          revokedAt: k.revokedAt,
        }));
        const want = e.formerStaff.map((k) => ({ ...k, signingKey: toBase64Url(fromHex(k.signingKey)) }));
        check(JSON.stringify(former) === JSON.stringify(want), "former staff keys and their intervals");
      }
      check(
        JSON.stringify([...state.contactFormKeys.keys()].sort()) === JSON.stringify([...e.contactForms].sort()),
        "contact forms",
      );
      check(
        JSON.stringify(state.archiveGenerations.map((g) => g.generation)) === JSON.stringify(e.archiveGenerations),
        "archive generations",
      );
      check(state.archiveRotationOwed === e.archiveRotationOwed, "archive rotation owed");
      check(
        JSON.stringify(state.rootGenerations.map((g) => g.generation)) === JSON.stringify(e.rootGenerations),
        "root generations",
      );
      check(state.rootRotationOwed === e.rootRotationOwed, "root rotation owed");
      check(state.head.seq === e.headSeq, "head seq");
      same(state.head.hash, e.headHash, "head hash");
    },
  };
  const invalid = v.invalid.map((t) => ({
    file: "orgLog" as const,
    name: t.name,
    run: () =>
      expectError(t.expectedError, () =>
        verifyOrgLog(t.entries.map(fromHex), {
          pinnedRootFingerprint: v.rootFingerprint,
        }),
      ),
  }));
  return [valid, ...invalid];
}

export function fingerprintChecks(v: VectorFiles["fingerprint"]): Check[] {
  const fps = v.vectors.map((t, i) => ({
    file: "fingerprint" as const,
    name: `fingerprint ${i} (${t.kind})`,
    run: () =>
      check(
        fingerprint(fromHex(t.publicKey), t.kind) === t.fingerprint,
        `fingerprint of ${toBase64Url(fromHex(t.publicKey))}`,
      ),
  }));
  const pads = {
    file: "fingerprint" as const,
    name: "padSize buckets",
    run: () => {
      for (const [n, p] of v.padSize) check(padSize(n) === p, `padSize(${n}) = ${padSize(n)}, expected ${p}`);
    },
  };
  return [...fps, pads];
}
