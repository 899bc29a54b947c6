// SPDX-License-Identifier: AGPL-3.0-or-later
import type { GetPublicClientSafety } from "@obhut/protocol";
import { useEffect } from "react";
import { api, type Endpoint } from "../api/client";
import { setOrganisationExitTarget } from "./quick-exit";

const publicClientSafety: Endpoint<typeof GetPublicClientSafety> = {
  method: "GET",
  path: "/api/finder/organisations/:orgId/client-safety",
};

/** Targets already asked for, per organisation (in memory, like the target itself). */
const known = new Map<string, string | null>();

/**
 * On a client page of one organisation (agency, enquiry, case): quick exit
 * leads to the organisation's own target from now on. Until the answer is
 * in, and if it fails, the deployment's default applies.
 */
export function useOrganisationExitTarget(orgId: string | null | undefined): void {
  useEffect(() => {
    if (!orgId) return;
    const cached = known.get(orgId);
    if (cached !== undefined) {
      setOrganisationExitTarget(cached);
      return;
    }
    const controller = new AbortController();
    api
      .request(publicClientSafety, { params: { orgId }, signal: controller.signal })
      .then(({ quickExitUrl }) => {
        known.set(orgId, quickExitUrl);
        setOrganisationExitTarget(quickExitUrl);
      })
      .catch(() => {
        // The default target stays; quick exit must work without this answer.
      });
    return () => controller.abort();
  }, [orgId]);
}
