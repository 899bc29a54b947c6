// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import { recoveryCodeEntropy } from "@obhut/crypto";
import { expect } from "vitest";

/** A secret and the fixed functions of it a test can compute: none may appear in anything sent. */
export function secretForms(secret: string): string[] {
  const digest = crypto.createHash("sha256").update(secret).digest();
  const forms = [
    secret,
    Buffer.from(secret).toString("base64"),
    Buffer.from(secret).toString("base64url"),
    Buffer.from(secret).toString("hex"),
  ];
  forms.push(digest.toString("hex"), digest.toString("base64"), digest.toString("base64url"));
  return forms;
}

export function recoveryCodeForms(code: string): string[] {
  const entropy = Buffer.from(recoveryCodeEntropy(code));
  // The code itself, its forms, and the 128 bits of entropy it encodes (what Argon2id actually stretches).
  return [...secretForms(code), entropy.toString("hex"), entropy.toString("base64url"), entropy.toString("base64")];
}

export function expectNoneSent(captured: readonly string[], forms: readonly string[]): void {
  expect(captured.length).toBeGreaterThan(0);
  for (const body of captured) for (const form of forms) expect(body, "a secret left the client").not.toContain(form);
}
