// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./stack";

/**
 * The real OpenID Connect provider of the server's SSO tests (the
 * `oidc-provider` package, packages/server/test/fixtures/oidc-provider.mjs)
 * as its own process on a free port of 127.0.0.1, for browser tests. Its
 * development login form accepts the login names alice, bob, carol and dave
 * (any password); their `groups` claims are listed in the fixture.
 */
export const IDP_FIXTURE = join(REPO_ROOT, "packages/server/test/fixtures/oidc-provider.mjs");

export interface OidcIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Everything the provider wrote to stderr (its development warnings). */
  logs(): string;
  stop(): Promise<void>;
}

export async function startOidcIdp(props: {
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
}): Promise<OidcIdp> {
  const clientId = props.clientId ?? "obhut";
  const clientSecret = props.clientSecret ?? "obhut-e2e-client-secret";
  const child = spawn(process.execPath, [IDP_FIXTURE], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      OIDC_REDIRECT_URIS: props.redirectUri,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`OIDC provider did not start:\n${err}`)), 30_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`OIDC provider exited before it was ready:\n${err}`));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    logs: () => err,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
