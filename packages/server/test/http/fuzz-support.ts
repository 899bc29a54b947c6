// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";

/**
 * Fixed seed so CI runs the same cases every time; set OBHUT_FUZZ_SEED to
 * explore others (fast-check prints the seed and path of any failure).
 */
export const FUZZ_SEED = Number(process.env.OBHUT_FUZZ_SEED ?? 20261122);

const C0 = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const ordinary = fc.constantFrom("a", "Z", "ä", "ß", " ", "😀", "é", "\u200b", "中", "\u007f", "\u0085");

/** Text a hostile client sends: NUL and other C0 controls, lone surrogates, any code unit, very long runs. */
export const hostileText = fc.oneof(
  fc.string({ unit: fc.oneof(C0, loneSurrogate, ordinary), minLength: 1, maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "name\u0000",
    "\u0000".repeat(3),
    "line\nbreak",
    "tab\there",
    "cr\rhere",
    "\ud800",
    "\udfff tail",
    "x".repeat(70_000),
    "ü".repeat(5_000),
  ),
);

/** Characters a text field never stores: C0 controls (tab, LF and CR are allowed in multi-line text) and lone surrogates. */
export function hasForbidden(text: string, multiLine: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(multiLine && (c === 0x09 || c === 0x0a || c === 0x0d))) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
