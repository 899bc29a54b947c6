// SPDX-License-Identifier: AGPL-3.0-or-later
import { MalformedEventError, type BusEvent } from "./types";

/**
 * Both buses pass events through JSON, so that code that works with the
 * in-process bus of a single node also works across nodes (no Dates, Maps,
 * bigints or shared mutable objects sneaking through).
 */
export function encodeEvent(event: BusEvent): string {
  if (typeof event !== "object" || event === null || typeof event.type !== "string") {
    throw new TypeError("An event must be an object with a string `type`");
  }
  return JSON.stringify(event);
}

/** Parses a message from the wire; throws MalformedEventError (without the content) if it is not an event. */
export function decodeEvent(raw: string): BusEvent {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new MalformedEventError("Dropped a message that is not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new MalformedEventError("Dropped a message that is not a JSON object");
  }
  if (typeof (value as { type?: unknown }).type !== "string") {
    throw new MalformedEventError("Dropped a message without a string `type`");
  }
  return value as BusEvent;
}

export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
