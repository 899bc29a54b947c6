// SPDX-License-Identifier: AGPL-3.0-or-later
import * as opaque from "@serenity-kit/opaque";

/** OPAQUE (RFC 9807) server side; the library is WebAssembly and must be ready first. */
export async function createOpaqueServerSetup(): Promise<string> {
  await opaque.ready;
  return opaque.server.createSetup();
}

export async function opaqueReady(): Promise<typeof opaque.server> {
  await opaque.ready;
  return opaque.server;
}
