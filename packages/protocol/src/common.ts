// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";

/**
 * Identifiers are opaque, URL-safe strings we generate ourselves. The strict
 * pattern means no path traversal, no control characters and no unicode
 * tricks can pass through an id parameter.
 */
export const Id = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an id");

/** Base64url without padding: how every binary value travels in JSON. */
export const B64 = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(/^[A-Za-z0-9_-]*$/, "must be base64url");

export const IsoDate = z.iso.datetime();
