// SPDX-License-Identifier: AGPL-3.0-or-later
import { createAccountKeys, decodeOrgLogEntry, fingerprint, fromBase64Url, isCryptoError } from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import { checkGenesis, createGenesis } from "./genesis";

async function rejects(promise: Promise<unknown>): Promise<boolean> {
  return promise.then(
    () => false,
    (e: unknown) => isCryptoError(e),
  );
}

describe("organisation genesis built in the browser", () => {
  it("signs genesis, admin-added and staff-key-certified with the root key and wraps both keys to the admin", async () => {
    const admin = createAccountKeys();
    const genesis = await createGenesis({ account: admin });
    const entries = genesis.orgLog.map((e) => decodeOrgLogEntry(fromBase64Url(e)));
    expect(entries.map((e) => e.payload.type)).toEqual(["genesis", "admin-added", "staff-key-certified"]);
    expect(entries.every((e) => fingerprint(e.signerKeyId) === genesis.rootFingerprint)).toBe(true);
    expect(genesis.organisationId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(genesis.orgRootWrap).toHaveLength(111);
    expect(genesis.archiveWrap).toHaveLength(111);
    await checkGenesis(genesis, admin);
  });

  it("the self-check refuses wraps or a log that do not fit", async () => {
    const admin = createAccountKeys();
    const genesis = await createGenesis({ account: admin });
    // Wraps swapped: each opens under the wrong context.
    expect(
      await rejects(
        checkGenesis({ ...genesis, orgRootWrap: genesis.archiveWrap, archiveWrap: genesis.orgRootWrap }, admin),
      ),
    ).toBe(true);
    // Another account's keys are not the administrator the log names.
    expect(await rejects(checkGenesis(genesis, createAccountKeys()))).toBe(true);
    // A log made for another organisation id.
    const other = await createGenesis({ account: admin });
    expect(await rejects(checkGenesis({ ...genesis, orgLog: other.orgLog }, admin))).toBe(true);
  });
});
