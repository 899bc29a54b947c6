// SPDX-License-Identifier: AGPL-3.0-or-later
import { ApiError, type ApiClient } from "../api/client";
import type { StaffKeyring } from "../messaging/team-keys";
import type { StaffState } from "../staff/use-staff";
import type { AdminKeyDeps } from "./admin-keys";
import { appendOrgLog, keyWraps, listAccounts, publicKeys, readOrgLog, teamMembers, uploadKeyWraps } from "./endpoints";
import { OrgLogWriter } from "./org-log-writer";

/** What every console page works with: the API, the organisation, and the key operations of this login. */
export interface AdminContext {
  api: ApiClient;
  orgId: string;
  accountId: string;
  ring: StaffKeyring;
  ops: AdminKeyDeps;
}

export type ReadyStaff = Extract<StaffState, { kind: "ready" }>;

const isCode = (code: string) => (error: unknown) => error instanceof ApiError && error.code === code;

/** One writer and one set of team-operation deps per login (keys live in memory only). */
const contexts = new WeakMap<ReadyStaff["messaging"], AdminContext>();

export function adminContext(staff: ReadyStaff): AdminContext {
  let found = contexts.get(staff.messaging);
  if (found) return found;
  const { api, keys } = staff.messaging;
  const orgId = staff.orgId;
  const log = new OrgLogWriter(
    {
      page: (after) => api.request(readOrgLog, { params: { orgId }, query: after === undefined ? {} : { after } }),
      append: async (entry) => {
        await api.request(appendOrgLog, { params: { orgId }, body: { entry } });
      },
      isConflict: isCode("org_log_conflict"),
    },
    orgId,
    keys.signing,
  );
  const ops: AdminKeyDeps = {
    log,
    teamKey: (teamId, generation) => staff.ring.teamKey(teamId, generation),
    refresh: () => staff.ring.refresh(),
    publicKeys: (accountId) => api.request(publicKeys, { params: { orgId, accountId } }),
    activeAdmins: async () => {
      const { accounts } = await api.request(listAccounts, { params: { orgId } });
      return new Set(accounts.filter((a) => a.role === "org_admin" && a.disabledAt === null).map((a) => a.id));
    },
    serverMembers: async (teamId) => {
      const { members } = await api.request(teamMembers, { params: { orgId, teamId } });
      return new Set(members.map((m) => m.accountId));
    },
    uploadWraps: async (wraps) => {
      await api.request(uploadKeyWraps, { params: { orgId }, body: { wraps } });
    },
    isConflict: isCode("conflict"),
    myOrgWraps: async (kind) => (await api.request(keyWraps, { query: { kind, refId: orgId } })).wraps,
    mySecretKey: () => keys.encryption.secretKey,
  };
  found = { api, orgId, accountId: staff.accountId, ring: staff.ring, ops };
  contexts.set(staff.messaging, found);
  return found;
}
