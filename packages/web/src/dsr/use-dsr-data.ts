// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ApiClient } from "../api/client";
import { useLoad } from "../api/use-action";
import { dsrReport, dsrRequests, restrictions as listRestrictions } from "./endpoints";

/** The organisation's requests, their report and the active restrictions, in one load; null when not `allowed`. */
export function useDsrData(api: ApiClient, orgId: string, allowed: boolean) {
  return useLoad(
    async (signal) => {
      if (!allowed) return null;
      const [list, report, active] = await Promise.all([
        api.request(dsrRequests, { params: { orgId }, query: {}, signal }),
        api.request(dsrReport, { params: { orgId }, signal }),
        api.request(listRestrictions, { params: { orgId }, signal }),
      ]);
      return { requests: list.requests, today: list.today, report, restrictions: active.restrictions };
    },
    [api, orgId, allowed],
  );
}
