// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { isWellFormedSetupToken, tokenFromHash, validateSetup } from "./validate";

const ok = {
  organisationName: "Jugendberatung Musterstadt",
  displayName: "Frau Admin",
  username: "admin",
  password: "ein langer Satz",
  passwordRepeat: "ein langer Satz",
};

describe("setup validation", () => {
  it("accepts a complete form", () => {
    expect(validateSetup(ok)).toEqual({});
  });

  it("requires at least 12 characters, counted as code points", () => {
    expect(validateSetup({ ...ok, password: "elf Zeichen", passwordRepeat: "elf Zeichen" })).toEqual({
      password: "passwordTooShort",
    });
    const emoji = "🙂".repeat(12); // 24 UTF-16 units, 12 characters
    expect(validateSetup({ ...ok, password: emoji, passwordRepeat: emoji })).toEqual({});
    const short = "🙂".repeat(6); // 12 UTF-16 units, only 6 characters
    expect(validateSetup({ ...ok, password: short, passwordRepeat: short }).password).toBe("passwordTooShort");
  });

  it("reports a mismatched repeat, empty names and bad user names", () => {
    expect(validateSetup({ ...ok, passwordRepeat: "something else" })).toEqual({ passwordRepeat: "passwordMismatch" });
    expect(validateSetup({ ...ok, organisationName: " " }).organisationName).toBe("orgNameRequired");
    expect(validateSetup({ ...ok, username: "" }).username).toBe("usernameRequired");
    expect(validateSetup({ ...ok, displayName: "  " }).displayName).toBe("displayNameRequired");
    expect(validateSetup({ ...ok, displayName: "x".repeat(65) }).displayName).toBe("displayNameTooLong");
    expect(validateSetup({ ...ok, username: "-admin" }).username).toBe("usernameInvalid");
    expect(validateSetup({ ...ok, username: "Jürgen" }).username).toBe("usernameInvalid");
  });

  it("reads the token from the fragment", () => {
    expect(tokenFromHash("#token=abc_DEF-123")).toBe("abc_DEF-123");
    expect(tokenFromHash("#other=1")).toBeNull();
    expect(tokenFromHash("")).toBeNull();
    expect(isWellFormedSetupToken("A".repeat(32))).toBe(true);
    expect(isWellFormedSetupToken("short")).toBe(false);
    expect(isWellFormedSetupToken("A".repeat(31) + "/")).toBe(false);
  });
});
