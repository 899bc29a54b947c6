// SPDX-License-Identifier: AGPL-3.0-or-later
import { describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, fillPath, toApiError } from "./client";
import { logout, setupVerify } from "./endpoints";

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("api client", () => {
  it("sends JSON with same-origin credentials and returns the body", async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { valid: true }));
    const client = createApiClient({ fetch });
    await expect(client.request(setupVerify, { body: { token: "t".repeat(32) } })).resolves.toEqual({ valid: true });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/api/setup/verify");
    expect(init.method).toBe("POST");
    expect(init.credentials).toBe("same-origin");
    expect(init.body).toBe(JSON.stringify({ token: "t".repeat(32) }));
    expect((init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("maps the error body to an ApiError with the stable code", async () => {
    const client = createApiClient({
      fetch: async () => jsonResponse(403, { error: { code: "setup_token_invalid", message: "Invalid setup token" } }),
    });
    const error = await client.request(setupVerify, { body: { token: "x".repeat(32) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "setup_token_invalid", status: 403, message: "Invalid setup token" });
  });

  it("reports network failures and non-JSON errors with client codes", async () => {
    const offline = createApiClient({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(offline.request(logout)).rejects.toMatchObject({ code: "network_error", status: 0 });
    const proxy = createApiClient({ fetch: async () => new Response("<html>Bad Gateway</html>", { status: 502 }) });
    await expect(proxy.request(logout)).rejects.toMatchObject({ code: "invalid_response", status: 502 });
  });

  it("treats 204 as success without a body", async () => {
    const client = createApiClient({ fetch: async () => new Response(null, { status: 204 }) });
    await expect(client.request(logout)).resolves.toBeUndefined();
  });

  it("fills and encodes path parameters", () => {
    expect(fillPath("/api/conversations/:id/messages", { id: "a/b" })).toBe("/api/conversations/a%2Fb/messages");
    expect(() => fillPath("/api/x/:id", {})).toThrow(/missing path parameter id/);
    expect(toApiError({ nope: 1 }, 500).code).toBe("invalid_response");
  });
});
