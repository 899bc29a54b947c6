// SPDX-License-Identifier: AGPL-3.0-or-later
import { Username } from "@obhut/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidUsername, validateSignUp } from "./validate";

describe("sign-up validation", () => {
  it("accepts exactly the pseudonyms the protocol accepts", () => {
    for (const name of ["ab", "abc", "Möwe", "-abc", "a.b_c-d", "x".repeat(64), "x".repeat(65), "a b", "9lives"]) {
      expect(isValidUsername(name), name).toBe(Username.safeParse(name).success);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (name) => isValidUsername(name) === Username.safeParse(name).success),
    );
  });

  it("needs 12 characters (counted as people see them) and a matching repeat", () => {
    const base = { username: "moewe", password: "", passwordRepeat: "" };
    expect(validateSignUp({ ...base, username: "" })).toMatchObject({ username: "usernameRequired" });
    expect(validateSignUp({ ...base, password: "elf zeichen" })).toEqual({ password: "passwordTooShort" });
    // 12 emoji are 24 UTF-16 units but 12 characters: accepted.
    expect(validateSignUp({ ...base, password: "🐦".repeat(11), passwordRepeat: "🐦".repeat(11) })).toEqual({
      password: "passwordTooShort",
    });
    expect(validateSignUp({ ...base, password: "🐦".repeat(12), passwordRepeat: "🐦".repeat(12) })).toEqual({});
    expect(validateSignUp({ ...base, password: "twelve chars", passwordRepeat: "twelve charz" })).toEqual({
      passwordRepeat: "passwordMismatch",
    });
  });
});
