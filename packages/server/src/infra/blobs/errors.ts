// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ErrorCode } from "@obhut/protocol";

/**
 * Typed blob errors with a stable code and HTTP status, like every other
 * error the server maps to a response. Messages never contain blob content.
 */
export abstract class BlobError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
}

export class InvalidBlobIdError extends BlobError {
  override name = "InvalidBlobIdError";
  readonly code = "invalid_params";
  readonly status = 400;
  constructor() {
    super("A blob id is 8 to 64 characters of A-Z, a-z, 0-9, _ and -");
  }
}

export class BlobNotFoundError extends BlobError {
  override name = "BlobNotFoundError";
  readonly code = "not_found";
  readonly status = 404;
  constructor(id: string) {
    super(`Blob ${id} does not exist`);
  }
}

export class BlobExistsError extends BlobError {
  override name = "BlobExistsError";
  readonly code = "conflict";
  readonly status = 409;
  constructor(id: string) {
    super(`Blob ${id} already exists; blobs are immutable`);
  }
}

export class BlobTooLargeError extends BlobError {
  override name = "BlobTooLargeError";
  readonly code = "payload_too_large";
  readonly status = 413;
  constructor(maxBytes: number) {
    super(`The blob is larger than ${maxBytes} bytes`);
  }
}

/** A range that does not fit the blob (HTTP would answer 416). */
export class BlobRangeError extends BlobError {
  override name = "BlobRangeError";
  readonly code = "bad_request";
  readonly status = 416;
  constructor(message: string) {
    super(message);
  }
}
