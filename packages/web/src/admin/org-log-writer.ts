// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type OrgLogEntry,
  type OrgLogPayload,
  type OrgLogState,
  type SigningKeyPair,
  CryptoError,
  createOrgLogEntry,
  decodeOrgLogEntry,
  encodeOrgLogEntry,
  fromBase64Url,
  toBase64Url,
  verifyOrgLog,
} from "@obhut/crypto";

/** What the writer needs from the server: pages of `GET …/log` and `POST …/log`. */
export interface OrgLogTransport {
  page(after: number | undefined): Promise<{ entries: { seq: number; entry: string }[]; hasMore: boolean }>;
  append(entry: string): Promise<void>;
  /** True when an append failed because another entry came first (`org_log_conflict`). */
  isConflict(error: unknown): boolean;
}

/**
 * An administrator's view of the organisation log that can also extend it.
 * Entries are signed in the browser with the admin's own signing key (an
 * admin certified in the log may sign, like the root key). Nothing the
 * server says is trusted: the whole chain is verified after every fetch and
 * the head seen before must still be there (no rollback, no fork).
 *
 * `apply(plan)` is idempotent by construction: `plan` looks at the verified
 * state and returns only what is still missing, so after a conflict (another
 * admin appended first) the writer reloads and asks again.
 */
export class OrgLogWriter {
  private entries: Uint8Array[] = [];
  private last: OrgLogEntry | null = null;
  private state: OrgLogState | null = null;

  constructor(
    private readonly transport: OrgLogTransport,
    private readonly orgId: string,
    private readonly signer: SigningKeyPair,
    private readonly now: () => number = Date.now,
  ) {}

  /** Fetches entries after the known head and verifies the whole chain. */
  async load(): Promise<OrgLogState> {
    const known = this.state?.head;
    const entries = [...this.entries];
    let after: number | undefined = known?.seq;
    for (;;) {
      const page = await this.transport.page(after);
      for (const item of page.entries) {
        if (item.seq !== entries.length) throw new CryptoError("chain_broken", "org log page out of order");
        entries.push(fromBase64Url(item.entry));
      }
      if (!page.hasMore || page.entries.length === 0) break;
      after = page.entries.at(-1)!.seq;
    }
    const state = verifyOrgLog(entries, known ? { knownHead: known } : {});
    if (state.orgId !== this.orgId) throw new CryptoError("unknown_key", "org log belongs to another organisation");
    this.entries = entries;
    this.last = decodeOrgLogEntry(entries.at(-1)!);
    this.state = state;
    return state;
  }

  /** Appends what `plan` says is missing, one signed entry at a time; returns the verified state after. */
  async apply(plan: (state: OrgLogState) => OrgLogPayload[], attempts = 3): Promise<OrgLogState> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      let state = await this.load();
      let conflict = false;
      for (const payload of plan(state)) {
        const entry = createOrgLogEntry({ previous: this.last, payload, signer: this.signer, timestamp: this.now() });
        const bytes = encodeOrgLogEntry(entry);
        // Check locally first: a payload the log would refuse is a bug here, not something to send.
        state = verifyOrgLog([...this.entries, bytes], { knownHead: state.head });
        try {
          await this.transport.append(toBase64Url(bytes));
        } catch (error) {
          if (!this.transport.isConflict(error)) throw error;
          conflict = true;
          break;
        }
        this.entries.push(bytes);
        this.last = entry;
        this.state = state;
      }
      if (!conflict) return this.state!;
    }
    throw new CryptoError("chain_broken", "the organisation log kept changing; try again");
  }
}
