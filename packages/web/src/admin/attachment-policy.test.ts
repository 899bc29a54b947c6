// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEFAULT_ATTACHMENT_TYPES, OFFICE_DOCUMENT_TYPES } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import {
  addOtherTypes,
  ATTACHMENT_KINDS,
  checkPolicy,
  parseTypes,
  selectionOf,
  toggleKind,
  typesOf,
  type TypeSelection,
} from "./attachment-policy";

// Stands in for the catalogue: the key and its values, so the test sees which message was chosen.
const t = ((key: string, values?: object) => (values ? `${key} ${JSON.stringify(values)}` : key)) as Parameters<
  typeof checkPolicy
>[0];

const none: TypeSelection = { kinds: [], other: [] };

describe("attachment policy form", () => {
  it("reads one type per line or comma, lower case, without repeats", () => {
    expect(parseTypes("image/PNG\n application/pdf, image/png\n\n")).toEqual(["image/png", "application/pdf"]);
  });

  it("accepts a decimal comma and names the first bad type", () => {
    expect(checkPolicy(t, "2,5", { kinds: ["images"], other: [] }, 25)).toEqual({
      mb: 2.5,
      allowedTypes: ["image/*"],
      errors: {},
    });
    expect(checkPolicy(t, "30", { kinds: [], other: ["image/png", "not a type"] }, 25).errors).toEqual({
      size: 'attachment.policy.sizeInvalid {"max":25}',
      types: 'attachment.policy.typesInvalid {"type":"not a type"}',
    });
    expect(checkPolicy(t, "1", none, 25).errors).toEqual({ types: "attachment.policy.typesEmpty" });
  });
});

describe("attachment kinds (checkboxes) and media types", () => {
  it("Word, Excel and PowerPoint are exactly the protocol's office types", () => {
    const office = [...ATTACHMENT_KINDS.word, ...ATTACHMENT_KINDS.excel, ...ATTACHMENT_KINDS.powerpoint];
    expect([...office].sort()).toEqual([...OFFICE_DOCUMENT_TYPES].sort());
  });

  it("reads the default list as ticks with nothing left over, and writes the same set back", () => {
    const selection = selectionOf(DEFAULT_ATTACHMENT_TYPES);
    expect(selection).toEqual({ kinds: ["pdf", "images", "word", "excel", "powerpoint", "text"], other: [] });
    expect([...typesOf(selection)].sort()).toEqual([...DEFAULT_ATTACHMENT_TYPES].sort());
  });

  it("ticking PDF and Word sends their media types", () => {
    const ticked = toggleKind(toggleKind(none, "word", true), "pdf", true);
    expect(typesOf(ticked)).toEqual([
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.oasis.opendocument.text",
    ]);
    expect(typesOf(toggleKind(ticked, "word", false))).toEqual(["application/pdf"]);
  });

  it("keeps types no checkbox covers, and a part of a kind, instead of losing them", () => {
    const stored = ["application/zip", "application/msword", "audio/*", "image/png"];
    const selection = selectionOf(stored);
    expect(selection).toEqual({ kinds: ["audio"], other: ["application/zip", "application/msword", "image/png"] });
    expect([...typesOf(selection)].sort()).toEqual([...stored].sort());
    // Unticking another kind leaves them alone; ticking Word takes the part into the kind.
    expect(typesOf(toggleKind(selection, "audio", false))).toEqual([
      "application/zip",
      "application/msword",
      "image/png",
    ]);
    expect(toggleKind(selection, "word", true).other).toEqual(["application/zip", "image/png"]);
  });

  it("adds a typed-in type, ticks a kind it completes, and names a bad one", () => {
    expect(addOtherTypes(none, "Application/ZIP")).toEqual({ kinds: [], other: ["application/zip"] });
    expect(addOtherTypes(none, "video/*")).toEqual({ kinds: ["video"], other: [] });
    expect(addOtherTypes(none, "application/zip, kein typ")).toEqual({ bad: "kein typ" });
  });

  it("saves every type the server accepts: a full list round-trips unchanged", () => {
    const all = [...DEFAULT_ATTACHMENT_TYPES, "*/*", "audio/*", "video/*", "text/csv", "application/json"];
    const { allowedTypes, errors } = checkPolicy(t, "10", selectionOf(all), 25);
    expect(errors).toEqual({});
    expect([...allowedTypes].sort()).toEqual([...new Set(all)].sort());
  });
});
