// SPDX-License-Identifier: AGPL-3.0-or-later
import { DEFAULT_ATTACHMENT_TYPES, OFFICE_DOCUMENT_TYPES } from "@obhut/protocol";
import { describe, expect, it } from "vitest";
import { ApiError, type ApiClient } from "../api/client";
import {
  acceptAttribute,
  attachmentAllowed,
  describeTypes,
  fileProblem,
  TYPE_GROUPS,
  largestFile,
  normaliseType,
  typeAllowed,
  uploadSize,
} from "./attachment-policy";
import { downloadName, extensionOf, nameMatchesType, TYPE_EXTENSIONS } from "./attachment-types";
import { ConversationAttachments } from "./conversation-attachments";
import { LIMITS } from "./limits";

const MiB = 1024 * 1024;
const defaults = { maxBytes: LIMITS.attachmentMaxBytes, allowedTypes: DEFAULT_ATTACHMENT_TYPES };

describe("attachment policy checks", () => {
  it("names the protocol's office document types as one group (the web keeps its own copy)", () => {
    expect(TYPE_GROUPS.office).toEqual(OFFICE_DOCUMENT_TYPES);
  });

  it("matches exact types, major-type wildcards and */*, ignoring case and parameters", () => {
    const allowed = ["image/*", "application/pdf"];
    for (const type of ["image/png", "image/jpeg", "IMAGE/HEIC", "image/svg+xml", "application/pdf", "Application/PDF"])
      expect(typeAllowed(type, allowed), type).toBe(true);
    expect(typeAllowed("application/pdf; charset=binary", allowed)).toBe(true);
    for (const type of [
      "application/x-msdownload",
      "text/html",
      "application/pdfx",
      "imagex/png",
      "video/mp4",
      "",
      "application/vnd.ms-excel",
    ])
      expect(typeAllowed(type, allowed), type).toBe(false);
    // "image/*" does not reach other major types by prefix tricks.
    expect(typeAllowed("image", allowed)).toBe(false);
    expect(typeAllowed("application/x-msdownload", ["*/*"])).toBe(true);
    expect(typeAllowed("", ["*/*"])).toBe(true);
    expect(typeAllowed("", ["application/octet-stream"])).toBe(true);
  });

  it("treats unknown or malformed types as application/octet-stream", () => {
    expect(normaliseType("")).toBe("application/octet-stream");
    expect(normaliseType("not a type")).toBe("application/octet-stream");
    expect(normaliseType(" Text/Plain ; charset=UTF-8")).toBe("text/plain");
  });

  it("allows the instance's defaults: images, PDF, plain text and office documents, nothing executable", () => {
    for (const type of [
      "image/png",
      "application/pdf",
      "text/plain",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ])
      expect(typeAllowed(type, defaults.allowedTypes), type).toBe(true);
    for (const type of ["application/x-msdownload", "text/html", "application/javascript", "application/zip"])
      expect(typeAllowed(type, defaults.allowedTypes), type).toBe(false);
  });

  it("compares the padded, encrypted size with the cap, and names the largest file that fits", () => {
    const policy = { maxBytes: 2 * MiB, allowedTypes: ["*/*"] };
    const largest = largestFile(policy.maxBytes);
    expect(uploadSize(largest)).toBeLessThanOrEqual(2 * MiB);
    expect(uploadSize(largest + 1)).toBeGreaterThan(2 * MiB);
    // Padding and encryption take their share: the largest file is below the cap, but not by much.
    expect(largest).toBeLessThan(2 * MiB);
    expect(largest).toBeGreaterThan(1.75 * MiB);
    expect(fileProblem({ name: "a.png", size: largest, type: "image/png" }, policy)).toBeNull();
    expect(fileProblem({ name: "a.png", size: largest + 1, type: "image/png" }, policy)).toBe("too_large");
    // Never above the instance limit, whatever the policy says.
    expect(largestFile(10 * LIMITS.attachmentMaxBytes)).toBe(largestFile(LIMITS.attachmentMaxBytes));
  });

  it("reports size before type, and type when the size fits", () => {
    const policy = { maxBytes: MiB, allowedTypes: ["image/*"] };
    expect(fileProblem({ name: "v.mp4", size: 2 * MiB, type: "video/mp4" }, policy)).toBe("too_large");
    expect(fileProblem({ name: "v.mp4", size: 1000, type: "video/mp4" }, policy)).toBe("type_not_allowed");
    expect(fileProblem({ name: "b.webp", size: 1000, type: "image/webp" }, policy)).toBeNull();
  });

  it("checks the file name against the type: x.html declared as text/plain is not allowed (issue #13)", () => {
    const allowed = DEFAULT_ATTACHMENT_TYPES;
    for (const [name, type] of [
      ["notes.txt", "text/plain"],
      ["Scan.PDF", "application/pdf"],
      ["foto.jpeg", "image/jpeg"],
      ["foto.JPG", "image/jpeg"],
      ["brief.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["tabelle.ods", "application/vnd.oasis.opendocument.spreadsheet"],
    ])
      expect(attachmentAllowed({ name: name!, type: type! }, allowed), name).toBe(true);
    for (const [name, type] of [
      ["x.html", "text/plain"],
      ["x.txt.html", "text/plain"],
      ["programm.exe", "application/pdf"],
      ["bild.svg", "image/png"],
      ["README", "text/plain"],
      [".txt", "text/plain"],
      ["tabelle.xlsx", "application/msword"],
      // An allowed type this client knows no extensions for: not allowed, the name cannot be checked.
      ["bild.xyz", "image/x-exotic"],
    ])
      expect(attachmentAllowed({ name: name!, type: type! }, allowed), name).toBe(false);
    // Only "every type" skips the name; the download name is still made safe (below).
    expect(attachmentAllowed({ name: "x.html", type: "text/plain" }, ["*/*"])).toBe(true);
    expect(attachmentAllowed({ name: "x.html", type: "text/plain" }, ["text/*"])).toBe(false);
    expect(fileProblem({ name: "x.html", size: 10, type: "text/plain" }, defaults)).toBe("type_not_allowed");
  });

  it("never saves a download with an extension its type does not have", () => {
    expect(downloadName("notes.txt", "text/plain")).toBe("notes.txt");
    expect(downloadName("Foto.JPG", "image/jpeg; charset=binary")).toBe("Foto.JPG");
    expect(downloadName("x.html", "text/plain")).toBe("x.html.txt");
    expect(downloadName("README", "text/plain")).toBe("README.txt");
    expect(downloadName("setup.exe", "application/x-msdownload")).toBe("setup.exe.bin");
    expect(downloadName("trick.pdf. ", "application/pdf")).toBe("trick.pdf");
    expect(downloadName("...", "application/pdf")).toBe("attachment.pdf");
    expect(extensionOf("a/b.c/d")).toBe("");
    expect(extensionOf("archiv.tar.GZ")).toBe("gz");
    expect(nameMatchesType("clip.webm", "video/webm")).toBe(true);
    // Every type of the defaults and of the office group has extensions, so the defaults work as before.
    for (const type of [...TYPE_GROUPS.office, "application/pdf", "text/plain", "image/png", "image/jpeg"])
      expect(TYPE_EXTENSIONS[type]?.length, type).toBeGreaterThan(0);
  });

  it("describes the allowed types in groups and gives the picker a hint", () => {
    expect(describeTypes(defaults.allowedTypes)).toEqual({ groups: ["images", "pdf", "text", "office"], other: [] });
    expect(describeTypes(["application/msword", "application/zip"])).toEqual({
      groups: ["office"],
      other: ["application/zip"],
    });
    expect(acceptAttribute({ maxBytes: MiB, allowedTypes: ["image/*", "application/pdf"] })).toBe(
      "image/*,application/pdf",
    );
    expect(acceptAttribute({ maxBytes: MiB, allowedTypes: ["*/*"] })).toBeUndefined();
  });
});

describe("ConversationAttachments", () => {
  function fakeApi(answers: (path: string) => unknown) {
    const calls: string[] = [];
    const api = {
      request: async (endpoint: { method: string; path: string }, input: { params?: { id: string } } = {}) => {
        const call = `${endpoint.method} ${endpoint.path.replace(":id", input.params?.id ?? "")}`;
        calls.push(call);
        const answer = answers(call);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    } as unknown as ApiClient;
    return { api, calls };
  }

  it("loads the policy and the deleted ids once, retries after a failure, and counts 'already deleted' as deleted", async () => {
    let fail = true;
    const { api, calls } = fakeApi((call) => {
      if (call === "GET /api/conversations/conv-1/attachment-policy") {
        if (fail) return new ApiError("network_error", "offline", 0);
        return { policy: { maxBytes: MiB, allowedTypes: ["image/*"] }, deleted: ["att-old"] };
      }
      if (call === "DELETE /api/attachments/att-gone") return new ApiError("attachment_deleted", "gone", 404);
      if (call === "DELETE /api/attachments/att-other") return new ApiError("forbidden", "no", 403);
      return undefined;
    });
    const store = new ConversationAttachments(api, "conv-1");
    let changes = 0;
    store.subscribe(() => changes++);
    await expect(store.ensurePolicy()).rejects.toThrow();
    expect(store.getSnapshot().policy).toBeNull();
    fail = false;
    expect(await store.ensurePolicy()).toEqual({ maxBytes: MiB, allowedTypes: ["image/*"] });
    await store.ensurePolicy();
    expect(calls.filter((c) => c.includes("attachment-policy"))).toHaveLength(2);
    expect([...store.getSnapshot().deleted]).toEqual(["att-old"]);

    await store.remove("att-mine");
    await store.remove("att-gone");
    await expect(store.remove("att-other")).rejects.toThrow(ApiError);
    expect([...store.getSnapshot().deleted].sort()).toEqual(["att-gone", "att-mine", "att-old"]);
    store.markDeleted("att-mine");
    expect(changes).toBe(3);
  });
});
