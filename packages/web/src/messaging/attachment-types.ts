// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * File-name extensions that belong to a media type (issue #13). The allowed
 * types rule is only worth something if the name agrees with the type: a
 * file `x.html` declared as `text/plain` would pass a "text/plain only" rule
 * and be saved — and opened — as a web page. So a name must end in one of
 * its type's extensions here; a type missing from this list, or a name
 * without a matching extension, counts as not allowed (unless the policy
 * allows every type, `*\/*`). Downloads are saved under a name whose
 * extension matches the type in every case (`downloadName`).
 */
export const TYPE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
  "image/png": ["png"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "image/heic": ["heic"],
  "image/heif": ["heif"],
  "image/avif": ["avif"],
  "image/bmp": ["bmp"],
  "image/tiff": ["tif", "tiff"],
  "image/svg+xml": ["svg"],
  "application/pdf": ["pdf"],
  "text/plain": ["txt", "text", "log"],
  "text/csv": ["csv"],
  "text/html": ["html", "htm"],
  "application/rtf": ["rtf"],
  "application/json": ["json"],
  "application/zip": ["zip"],
  "application/msword": ["doc"],
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
  "application/vnd.ms-excel": ["xls"],
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ["xlsx"],
  "application/vnd.ms-powerpoint": ["ppt"],
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ["pptx"],
  "application/vnd.oasis.opendocument.text": ["odt"],
  "application/vnd.oasis.opendocument.spreadsheet": ["ods"],
  "application/vnd.oasis.opendocument.presentation": ["odp"],
  "audio/mpeg": ["mp3"],
  "audio/mp4": ["m4a"],
  "audio/aac": ["aac"],
  "audio/ogg": ["ogg", "oga", "opus"],
  "audio/wav": ["wav"],
  "audio/x-wav": ["wav"],
  "audio/webm": ["weba", "webm"],
  "audio/flac": ["flac"],
  "video/mp4": ["mp4", "m4v"],
  "video/webm": ["webm"],
  "video/ogg": ["ogv"],
  "video/quicktime": ["mov"],
  "video/x-matroska": ["mkv"],
};

/** The extensions of a media type (parameters and case ignored); none for types this list does not know. */
function extensionsOf(type: string): readonly string[] {
  return TYPE_EXTENSIONS[type.split(";")[0]!.trim().toLowerCase()] ?? [];
}

/** The extension of a file name, lower case, without the dot; "" when it has none. */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot <= 0
    ? ""
    : base
        .slice(dot + 1)
        .trim()
        .toLowerCase();
}

/** Whether the name ends in an extension of its declared type (false for types this list does not know). */
export function nameMatchesType(name: string, type: string): boolean {
  return extensionsOf(type).includes(extensionOf(name));
}

/**
 * The name a decrypted attachment is saved under: its own when the extension
 * matches the type, else with the type's extension added (`x.html.txt`), or
 * `.bin` for a type without known extensions — never an extension the type
 * does not have, so the system never opens the file as something else.
 */
export function downloadName(name: string, type: string): string {
  // Trailing dots and spaces are dropped by file systems, which would bring a hidden extension back.
  const base = name.replace(/[.\s]+$/, "") || "attachment";
  if (nameMatchesType(base, type)) return base;
  return `${base}.${extensionsOf(type)[0] ?? "bin"}`;
}
