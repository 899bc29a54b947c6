// SPDX-License-Identifier: AGPL-3.0-or-later

/** Letters of the scripts written right to left (Unicode's R and AL bidi classes hold these scripts' letters). */
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const LETTER = /\p{L}/u;

/**
 * The direction a text sets for itself, as HTML's `dir="auto"` decides it: by its first letter (digits, spaces and
 * punctuation have none); `undefined` for a text without letters, which then follows the page. For text boxes,
 * where Chromium's own `dir="auto"` works through the whole value on every change: 10 MB pasted into a message box
 * took more than 60 s with it and 37 s without on the loaded test machine (the browser test allows 30 s; ADR 0046).
 */
export function textDirection(text: string): "ltr" | "rtl" | undefined {
  const first = LETTER.exec(text)?.[0];
  if (first === undefined) return undefined;
  return RTL_LETTER.test(first) ? "rtl" : "ltr";
}
