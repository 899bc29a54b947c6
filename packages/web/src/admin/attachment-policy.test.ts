// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { checkPolicy, parseTypes } from "./attachment-policy";

// Stands in for the catalogue: the key and its values, so the test sees which message was chosen.
const t = ((key: string, values?: object) => (values ? `${key} ${JSON.stringify(values)}` : key)) as Parameters<
  typeof checkPolicy
>[0];

describe("attachment policy form", () => {
  it("reads one type per line or comma, lower case, without repeats", () => {
    expect(parseTypes("image/PNG\n application/pdf, image/png\n\n")).toEqual(["image/png", "application/pdf"]);
  });

  it("accepts a decimal comma and names the first bad type", () => {
    expect(checkPolicy(t, "2,5", "image/*", 25)).toEqual({ mb: 2.5, allowedTypes: ["image/*"], errors: {} });
    expect(checkPolicy(t, "30", "image/png\nnot a type", 25).errors).toEqual({
      size: 'attachment.policy.sizeInvalid {"max":25}',
      types: 'attachment.policy.typesInvalid {"type":"not a type"}',
    });
    expect(checkPolicy(t, "1", " \n", 25).errors).toEqual({ types: "attachment.policy.typesEmpty" });
  });
});
