// SPDX-License-Identifier: AGPL-3.0-or-later
import crypto from "node:crypto";
import net from "node:net";

/** A channel prefix of our own, so parallel test files can share one Redis. */
export function uniquePrefix(): string {
  return `obhut-test:${crypto.randomBytes(6).toString("hex")}:`;
}

/** A TCP port nothing listens on (bound and released by us just now). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `predicate` holds, re-checking whenever `poke` is called; rejects after `ms`. */
export function waitFor(
  predicate: () => boolean,
  ms = 5000,
  what = "condition",
): { done: Promise<void>; poke: () => void } {
  let poke: () => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
    poke = () => {
      if (predicate()) {
        clearTimeout(timer);
        resolve();
      }
    };
    poke();
  });
  return { done, poke };
}
