// SPDX-License-Identifier: AGPL-3.0-or-later
import http from "node:http";
import net from "node:net";

/**
 * Loopback-only stand-ins for the SSO network tests: nothing here ever
 * listens on or connects to anything but 127.0.0.1.
 */

/** A TCP port that counts every connection it receives and answers none (the "probed" internal service). */
export async function startConnectionCounter(): Promise<{
  port: number;
  connections(): number;
  stop(): Promise<void>;
}> {
  let count = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    count += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A minimal OpenID Connect discovery endpoint on 127.0.0.1. Each issuer is a
 * path below the origin (`/<name>`); `metadata(issuer)` may point endpoints
 * elsewhere, the way a hostile provider's document would.
 */
export async function startDiscoveryServer(
  metadata: (issuer: string, name: string) => Record<string, unknown> = () => ({}),
): Promise<{ origin: string; issuer(name: string): string; requests(): string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "");
    const match = /^\/([a-z0-9-]+)\/\.well-known\/openid-configuration$/.exec(req.url ?? "");
    if (!match) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const issuer = `${origin}/${match[1]}`;
    res.setHeader("content-type", "application/json");
    res.end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        ...metadata(issuer, match[1]!),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    origin,
    issuer: (name) => `${origin}/${name}`,
    requests: () => [...seen],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
