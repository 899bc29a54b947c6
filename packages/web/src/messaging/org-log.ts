// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CryptoError,
  type OrgLogState,
  decodeOrgLogEntry,
  fingerprintMatches,
  fromBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";
import type { ApiClient } from "../api/client";
import { orgLog } from "./endpoints";

/**
 * Where a client's pins live (keys/org-pins.ts: in the key bundle,
 * encrypted). `pinned` throws `OrgChangedError` when the stored pins cannot
 * be read: not knowing the pin must never mean "trust anything".
 */
export interface OrgPinSource {
  /** The pinned root fingerprint (12×5 digits), or undefined when this organisation is not pinned yet. */
  pinned(orgId: string): Promise<string | undefined>;
  /** Trust on first use: keep the root of a log that verified. Never replaces a pin. */
  pin(orgId: string, rootSigningKey: Uint8Array): Promise<void>;
}

/**
 * The organisation's log does not start with the root key this client
 * pinned (at sign-up or at first contact), or the pins could not be read.
 * Either the server is not showing the real organisation or something was
 * tampered with: nothing may be sent, and the person is told so in plain
 * words (`orgFingerprint.changed`). `code` is what request hooks report.
 */
export class OrgChangedError extends Error {
  override readonly name = "OrgChangedError";
  readonly code = "org_changed";
  constructor(
    /** Null when the stored pins themselves could not be read. */
    readonly orgId: string | null,
    options?: { cause?: unknown },
  ) {
    super(
      orgId ? `organisation ${orgId} does not match its pinned root` : "the pinned organisations do not open",
      options,
    );
  }
}

/**
 * Loads and verifies an organisation log in the browser. Nothing the server
 * says about keys is trusted until `verifyOrgLog` has checked the whole
 * chain from genesis.
 *
 * The verified head is remembered for the rest of the session, so a later
 * load that presents fewer entries (rollback) or a different history (fork)
 * is refused. Clients keep nothing on the device between sessions (issue 3,
 * item 10); what lasts across sessions and devices is the root they pinned,
 * kept in their encrypted key bundle (`pins`, ADR 0030): every load passes
 * its fingerprint, a log with another root throws `OrgChangedError`, and the
 * first log of an organisation not pinned yet is pinned (trust on first use).
 * Staff have no pins; a caller may still pass `pinnedRootFingerprint`.
 */
export class OrgLogCache {
  private readonly logs = new Map<string, { entries: Uint8Array[]; state: OrgLogState }>();

  constructor(
    private readonly api: ApiClient,
    private readonly pins?: OrgPinSource,
  ) {}

  /** The verified state; fetches only the entries after the head seen before. */
  async load(orgId: string, options: { pinnedRootFingerprint?: string } = {}): Promise<OrgLogState> {
    const pinned = options.pinnedRootFingerprint ?? (await this.pins?.pinned(orgId));
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
    if (pinned !== undefined && !startsWithRoot(entries, pinned)) throw new OrgChangedError(orgId);
    const state = verifyOrgLog(entries, {
      ...(pinned !== undefined ? { pinnedRootFingerprint: pinned } : {}),
      ...(known ? { knownHead: known.state.head } : {}),
    });
    if (state.orgId !== orgId) throw new CryptoError("unknown_key", "org log belongs to another organisation");
    // First contact: the log verified from its genesis, so its root is what this client will hold on to.
    if (pinned === undefined) await this.pins?.pin(orgId, state.rootSigningKey);
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

/** Whether the first entry is a genesis under the pinned root (a malformed log is left to verifyOrgLog). */
function startsWithRoot(entries: readonly Uint8Array[], pinned: string): boolean {
  const first = entries[0];
  if (!first) return true;
  let payload;
  try {
    payload = decodeOrgLogEntry(first).payload;
  } catch {
    return true;
  }
  return payload.type !== "genesis" || fingerprintMatches(payload.rootSigningKey, pinned);
}
