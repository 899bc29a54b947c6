// SPDX-License-Identifier: AGPL-3.0-or-later
import { CryptoError, type OrgLogState, fromBase64Url, verifyOrgLog } from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { orgLog } from "./endpoints";

/**
 * Loads and verifies an organisation log in the browser. Nothing the server
 * says about keys is trusted until `verifyOrgLog` has checked the whole
 * chain from genesis.
 *
 * The verified head is remembered for the rest of the session, so a later
 * load that presents fewer entries (rollback) or a different history (fork)
 * is refused. Clients keep nothing on the device between sessions (issue 3,
 * item 10), so the guarantee covers one session; staff with a pinned root
 * fingerprint pass it in `pinnedRootFingerprint`.
 */
export class OrgLogCache {
  private readonly logs = new Map<string, { entries: Uint8Array[]; state: OrgLogState }>();

  constructor(private readonly api: ApiClient) {}

  /** The verified state; fetches only the entries after the head seen before. */
  async load(orgId: string, options: { pinnedRootFingerprint?: string } = {}): Promise<OrgLogState> {
    const known = this.logs.get(orgId);
    const entries = known ? [...known.entries] : [];
    let after: number | undefined = known ? known.state.head.seq : undefined;
    for (;;) {
      const page = await this.api.request(orgLog, {
        params: { orgId },
        query: after === undefined ? {} : { after },
      });
      for (const item of page.entries) {
        if (item.seq !== entries.length) throw new CryptoError("chain_broken", "org log page out of order");
        entries.push(fromBase64Url(item.entry));
      }
      if (!page.hasMore || page.entries.length === 0) break;
      after = page.entries.at(-1)!.seq;
    }
    const state = verifyOrgLog(entries, {
      ...(options.pinnedRootFingerprint !== undefined ? { pinnedRootFingerprint: options.pinnedRootFingerprint } : {}),
      ...(known ? { knownHead: known.state.head } : {}),
    });
    if (state.orgId !== orgId) throw new CryptoError("unknown_key", "org log belongs to another organisation");
    this.logs.set(orgId, { entries, state });
    return state;
  }

  /** Already verified in this session (no request), or undefined. */
  peek(orgId: string): OrgLogState | undefined {
    return this.logs.get(orgId)?.state;
  }

  clear(): void {
    this.logs.clear();
  }
}
