// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "../api/client";
import { inviteVerifyFailure } from "../invite/invite-flow";
import { errorCode } from "../api/use-action";
import { MfaError, mfaFailureOf, normaliseCode, pathAfterStaffLogin, toMfaError } from "./mfa-flow";

const status = (body: unknown, code = 200) =>
  createApiClient({
    fetch: () => Promise.resolve(new Response(JSON.stringify(body), { status: code })),
  });

describe("second-factor helpers", () => {
  it("accepts six digits, also as the apps show them with a space", () => {
    expect(normaliseCode("123456")).toBe("123456");
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(normaliseCode("12345")).toBeNull();
    expect(normaliseCode("1234567")).toBeNull();
    expect(normaliseCode("12a456")).toBeNull();
  });

  it("maps server and browser failures to what the page explains", () => {
    expect(toMfaError(new ApiError("mfa_failed", "", 401)).reason).toBe("wrong_code");
    expect(toMfaError(new ApiError("rate_limited", "", 429)).reason).toBe("rate_limited");
    expect(toMfaError(new ApiError("network_error", "", 0)).reason).toBe("network");
    expect(toMfaError(new ApiError("unauthenticated", "", 401)).reason).toBe("not_allowed");
    expect(toMfaError(new ApiError("internal", "", 500)).reason).toBe("server");
    expect(toMfaError(new DOMException("x", "NotAllowedError")).reason).toBe("passkey_cancelled");
    expect(toMfaError(new DOMException("x", "NotSupportedError")).reason).toBe("passkey_unsupported");
    const known = new MfaError("wrong_code");
    expect(toMfaError(known)).toBe(known);
  });

  it("gives its reason as the code the request hook reads, and reads it back", () => {
    expect(errorCode(new MfaError("rate_limited"))).toBe("rate_limited");
    expect(mfaFailureOf("passkey_cancelled")).toBe("passkey_cancelled");
    expect(mfaFailureOf("error")).toBe("server");
  });

  it("sends a pending staff session to /mfa, everyone else to their role's home", async () => {
    const base = { required: true, totp: false, passkeys: 0 };
    const counsellor = { kind: "staff", role: "counsellor" } as const;
    expect(await pathAfterStaffLogin(counsellor, status({ ...base, pending: true }))).toBe("/mfa");
    expect(await pathAfterStaffLogin(counsellor, status({ ...base, pending: false }))).toBe("/inbox");
    const done = status({ ...base, pending: false });
    expect(await pathAfterStaffLogin({ kind: "staff", role: "org_admin" }, done)).toBe("/admin");
    expect(await pathAfterStaffLogin({ kind: "staff", role: "dpo" }, done)).toBe("/dpo/audit");
    expect(await pathAfterStaffLogin({ kind: "staff", role: "report_office" }, done)).toBe("/account");
    // Unknown state: /mfa reads it again and explains.
    const broken = status({ error: { code: "internal", message: "x" } }, 500);
    expect(await pathAfterStaffLogin(counsellor, broken)).toBe("/mfa");
    // Clients have no second factor; the state is not even asked for.
    const never = createApiClient({ fetch: () => Promise.reject(new Error("no request expected")) });
    expect(await pathAfterStaffLogin({ kind: "client" }, never)).toBe("/account");
  });

  it("tells an unusable invitation apart from a server that cannot be reached", () => {
    expect(inviteVerifyFailure(new ApiError("invitation_invalid", "", 403))).toBe("invalid");
    expect(inviteVerifyFailure(new ApiError("invalid_body", "", 400))).toBe("invalid");
    expect(inviteVerifyFailure(new ApiError("rate_limited", "", 429))).toBe("rate_limited");
    expect(inviteVerifyFailure(new ApiError("network_error", "", 0))).toBe("network");
    expect(inviteVerifyFailure(new TypeError("x"))).toBe("network");
  });
});
