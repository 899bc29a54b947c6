// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { readCallbackParams } from "./sso-flow";

describe("SSO callback parameters", () => {
  it("passes code, state and iss on, and reports the provider's error or a broken link", () => {
    expect(readCallbackParams("?code=c1&state=s1&iss=https%3A%2F%2Fidp.example.org")).toEqual({
      code: "c1",
      state: "s1",
      iss: "https://idp.example.org",
    });
    expect(readCallbackParams("?code=c1&state=s1")).toEqual({ code: "c1", state: "s1" });
    expect(readCallbackParams("?error=access_denied&state=s1")).toEqual({ error: "access_denied" });
    expect(readCallbackParams("?code=c1")).toBeNull();
    expect(readCallbackParams("")).toBeNull();
  });
});
