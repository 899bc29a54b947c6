// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from "zod";

/**
 * Free text people type (names, titles, reasons, notices). Every such field
 * of a request is one of these two types, so no field stores what none of
 * them should hold:
 * - NUL: PostgreSQL refuses it in text (SQLSTATE 22021, a 500 before this
 *   type existed) while SQLite stores it, so the two dialects disagreed;
 * - the other C0 control characters: invisible, and they rewrite terminals
 *   and log viewers when an export is read;
 * - unpaired UTF-16 surrogates: not encodable as UTF-8, so either database
 *   would silently store U+FFFD and the record would not read back as sent.
 * Single-line text also refuses tab, LF and CR; multi-line text keeps them.
 * Identifiers, tokens and base64 fields have their own strict patterns.
 */
export interface TextOptions {
  max: number;
  min?: number;
  /** Strip leading and trailing white space before the length checks (what the field did before). */
  trim?: boolean;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE = /^[^\u0000-\u001f]*$/;
// eslint-disable-next-line no-control-regex -- as above; tab, LF and CR stay allowed
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/;
// Without the `u` flag a regex sees UTF-16 code units: a high surrogate not followed by a low one, or a low one alone.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function text(pattern: RegExp, message: string, { max, min, trim }: TextOptions): z.ZodString {
  let schema = z.string();
  if (trim) schema = schema.trim();
  if (min !== undefined) schema = schema.min(min);
  return schema
    .max(max)
    .regex(pattern, message)
    .refine((s) => !LONE_SURROGATE.test(s), "must be valid Unicode text");
}

/** One line: names, titles, references. No control characters at all. */
export function singleLineText(options: TextOptions): z.ZodString {
  return text(SINGLE_LINE, "must be one line without control characters", options);
}

/** Several lines: reasons, notices, addresses, documents. Tab, LF and CR allowed; other control characters not. */
export function multiLineText(options: TextOptions): z.ZodString {
  return text(MULTI_LINE, "must not contain control characters", options);
}
