// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { PutSsoConfig, SsoIssuer } from "./sso";

describe("SsoIssuer", () => {
  it("rejects what is not a URL without throwing (issue #13: a throwing check became a 500)", () => {
    for (const value of ["not a url", "http://", "https://", "::", "https://[::1", "", "javascript:alert(1)"]) {
      const parsed = SsoIssuer.safeParse(value);
      expect(parsed.success, value).toBe(false);
    }
    const body = PutSsoConfig.body.safeParse({ issuer: "not a url", clientId: "obhut" });
    expect(body.success).toBe(false);
    expect(body.error?.issues.every((i) => i.path[0] === "issuer")).toBe(true);
  });

  it("accepts https, and http only on loopback; never a query, fragment or credentials", () => {
    for (const ok of [
      "https://idp.example.org/realms/a",
      "http://127.0.0.1:8080",
      "http://localhost:9",
      "http://[::1]:1",
    ])
      expect(SsoIssuer.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      "http://idp.example.org",
      "ftp://idp.example.org",
      "https://idp.example.org/?x=1",
      "https://idp.example.org/#f",
      "https://user:pw@idp.example.org",
      "https://idp.example.org/a\u0000b",
      "https://idp.example.org/a\tb",
      "https://idp.example.org/a b",
      "https://idp.example.org/\ud800",
    ])
      expect(SsoIssuer.safeParse(bad).success, bad).toBe(false);
  });
});
