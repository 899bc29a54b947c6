// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { displayNameError } from "../../auth/display-name";
import { validateSignUp } from "../../auth/validate";
import { isWellFormedLinkToken, organisationNameError, tokenFromHash, type SetupValues } from "./validate";

const ok: SetupValues = {
  organisationName: "Jugendberatung Musterstadt",
  displayName: "Frau Admin",
  username: "admin",
  password: "ein langer Satz",
  passwordRepeat: "ein langer Satz",
};

// The setup form runs these checks (auth/sign-up-form.tsx): the organisation and display name, then the sign-up rules.
describe("setup validation", () => {
  it("accepts a complete form", () => {
    expect(organisationNameError(ok.organisationName)).toBeNull();
    expect(displayNameError(ok.displayName)).toBeNull();
    expect(validateSignUp(ok)).toEqual({});
  });

  it("requires at least 12 characters, counted as code points", () => {
    expect(validateSignUp({ ...ok, password: "elf Zeichen", passwordRepeat: "elf Zeichen" })).toEqual({
      password: "passwordTooShort",
    });
    const emoji = "🙂".repeat(12); // 24 UTF-16 units, 12 characters
    expect(validateSignUp({ ...ok, password: emoji, passwordRepeat: emoji })).toEqual({});
    const short = "🙂".repeat(6); // 12 UTF-16 units, only 6 characters
    expect(validateSignUp({ ...ok, password: short, passwordRepeat: short }).password).toBe("passwordTooShort");
  });

  it("reports a mismatched repeat, empty names and bad user names", () => {
    expect(validateSignUp({ ...ok, passwordRepeat: "something else" })).toEqual({ passwordRepeat: "passwordMismatch" });
    expect(organisationNameError(" ")).toBe("orgNameRequired");
    expect(organisationNameError("X")).toBe("orgNameRequired");
    expect(validateSignUp({ ...ok, username: "" }).username).toBe("usernameRequired");
    expect(displayNameError("  ")).toBe("displayNameRequired");
    expect(displayNameError("x".repeat(65))).toBe("displayNameTooLong");
    expect(validateSignUp({ ...ok, username: "-admin" }).username).toBe("usernameInvalid");
    expect(validateSignUp({ ...ok, username: "Jürgen" }).username).toBe("usernameInvalid");
  });

  it("reads the token from the fragment", () => {
    expect(tokenFromHash("#token=abc_DEF-123")).toBe("abc_DEF-123");
    expect(tokenFromHash("#other=1")).toBeNull();
    expect(tokenFromHash("")).toBeNull();
    expect(isWellFormedLinkToken("A".repeat(32))).toBe(true);
    expect(isWellFormedLinkToken("short")).toBe(false);
    expect(isWellFormedLinkToken("A".repeat(31) + "/")).toBe(false);
  });
});
