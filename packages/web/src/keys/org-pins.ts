// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  type AccountKeys,
  type OrgPin,
  decryptOrgPins,
  encryptOrgPins,
  fromBase64Url,
  pinnedRootFingerprint,
  toBase64Url,
  withOrgPin,
} from "@obhut/crypto";
import type { GetOrgPins, PutOrgPins } from "@obhut/protocol";
import { ApiError, type ApiClient, type Endpoint } from "../api/client";
import { OrgChangedError, type OrgPinSource } from "../messaging/org-log";

export const getOrgPins: Endpoint<typeof GetOrgPins> = { method: "GET", path: "/api/account/org-pins" };
export const putOrgPins: Endpoint<typeof PutOrgPins> = { method: "PUT", path: "/api/account/org-pins" };

/** Another browser of the same client pinning at the same moment is rare; a few rounds settle it. */
const MAX_ROUNDS = 3;

type Stored = { blob: string | null; pins: readonly OrgPin[] };

/**
 * A client's pinned organisations for one logged-in session (docs/CRYPTO.md
 * §4b, ADR 0030): read once from the key bundle on the server and opened
 * with the account's keys, extended on first contact with an organisation
 * and written back with compare-and-swap, so a pin made on one device holds
 * on every other. Stored pins that do not open (tampered, or bound to other
 * keys) fail closed: every organisation is then "changed", never "unpinned".
 */
export class OrgPinStore implements OrgPinSource {
  private stored: Promise<Stored> | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly keys: AccountKeys,
  ) {}

  async pinned(orgId: string): Promise<string | undefined> {
    return pinnedRootFingerprint((await this.read()).pins, orgId);
  }

  async pin(orgId: string, rootSigningKey: Uint8Array): Promise<void> {
    for (let round = 1; ; round++) {
      const current = await this.read();
      let next: readonly OrgPin[];
      try {
        next = withOrgPin(current.pins, { orgId, rootSigningKey, pinnedAt: Date.now() });
      } catch (error) {
        // Pinned meanwhile (another tab or device) to another root.
        throw new OrgChangedError(orgId, { cause: error });
      }
      if (next === current.pins) return;
      const blob = toBase64Url(await encryptOrgPins(this.keys, next));
      try {
        await this.api.request(putOrgPins, { body: { orgPins: blob, previous: current.blob } });
        this.stored = Promise.resolve({ blob, pins: next });
        return;
      } catch (error) {
        // Someone else wrote first: read theirs and add ours to it.
        this.stored = null;
        if (!(error instanceof ApiError && error.code === "conflict") || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  private read(): Promise<Stored> {
    this.stored ??= this.fetch();
    const reading = this.stored;
    // Any failed read is tried again next time: a network error may pass, a blob that does not open fails again.
    reading.catch(() => {
      if (this.stored === reading) this.stored = null;
    });
    return reading;
  }

  private async fetch(): Promise<Stored> {
    const { orgPins } = await this.api.request(getOrgPins);
    if (orgPins === null) return { blob: null, pins: [] };
    try {
      return { blob: orgPins, pins: await decryptOrgPins(this.keys, fromBase64Url(orgPins)) };
    } catch (error) {
      throw new OrgChangedError(null, { cause: error });
    }
  }
}
