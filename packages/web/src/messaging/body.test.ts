// SPDX-License-Identifier: AGPL-3.0-or-later
import { utf8Encode } from "@obhut/crypto";
import { describe, expect, it } from "vitest";
import { BodyFormatError, decodeBody, encodeBody, textBody } from "./body";

const KEY = "A".repeat(43);
const attachment = {
  id: "att_12345678",
  name: "brief.pdf",
  type: "application/pdf",
  size: 1234,
  key: KEY,
  sha256: KEY,
};

describe("message body", () => {
  it("round-trips text and attachment metadata", () => {
    const body = textBody("Hallo, ich brauche Hilfe.", [attachment]);
    expect(decodeBody(encodeBody(body))).toEqual(body);
  });

  it("allows a message that is only an attachment, never an empty one", () => {
    expect(decodeBody(encodeBody(textBody("", [attachment]))).attachments).toHaveLength(1);
    expect(() => encodeBody(textBody("   "))).toThrow(BodyFormatError);
  });

  it("refuses anything that is not exactly a v1 body", () => {
    const bad = [
      "not json",
      JSON.stringify({ v: 2, text: "x", attachments: [] }),
      JSON.stringify({ v: 1, text: "x" }),
      JSON.stringify({ v: 1, text: "x", attachments: [], extra: true }),
      JSON.stringify({ v: 1, text: "x", attachments: [{ ...attachment, key: "short" }] }),
      JSON.stringify({ v: 1, text: "x", attachments: [{ ...attachment, id: "../../etc" }] }),
      JSON.stringify({ v: 1, text: "x", attachments: [{ ...attachment, size: -1 }] }),
      JSON.stringify({ v: 1, text: 5, attachments: [] }),
    ];
    for (const text of bad) expect(() => decodeBody(utf8Encode(text)), text).toThrow(BodyFormatError);
  });

  it("limits text length and the number of attachments", () => {
    expect(() => encodeBody(textBody("x".repeat(20_001)))).toThrow(BodyFormatError);
    expect(() =>
      encodeBody(
        textBody(
          "x",
          Array.from({ length: 11 }, () => attachment),
        ),
      ),
    ).toThrow(BodyFormatError);
  });
});
