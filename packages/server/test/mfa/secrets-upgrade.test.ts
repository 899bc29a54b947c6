// SPDX-License-Identifier: AGPL-3.0-or-later
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadOrCreateSecrets, secretsFile } from "../../src/infra/config/secrets";
import { tempDir } from "../helpers/databases";

describe("mfaKey in secrets.json", () => {
  it("is created with new secrets and added to an older file without touching anything else", async () => {
    const dir = tempDir();
    const { secrets } = await loadOrCreateSecrets(dir);
    expect(secrets.mfaKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const older = { ...secrets } as Record<string, unknown>;
    delete older.mfaKey;
    fs.writeFileSync(secretsFile(dir), JSON.stringify(older), { mode: 0o600 });
    const upgraded = await loadOrCreateSecrets(dir);
    expect(upgraded.created).toBe(false);
    expect(upgraded.secrets.mfaKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(upgraded.secrets.mfaKey).not.toBe(secrets.mfaKey);
    expect({ ...upgraded.secrets, mfaKey: undefined }).toEqual({ ...secrets, mfaKey: undefined });
    // Written back, so every later start (and every node sharing the file) uses the same key.
    expect((await loadOrCreateSecrets(dir)).secrets.mfaKey).toBe(upgraded.secrets.mfaKey);
    expect(fs.statSync(secretsFile(dir)).mode & 0o777).toBe(0o600);
  });
});
