// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * How many history entries this page (this document) has pushed before the
 * current one. Quick exit goes back over exactly these before it replaces
 * the entry with the neutral page, so Back afterwards does not lead to
 * Obhut (issue #15, item 9). Entries of an earlier document (before a reload
 * or a typed address) are never counted: going back to them would unload
 * this page before it could leave.
 */
interface Marker {
  obhutDocument: string;
  depth: number;
}

const DOCUMENT_ID = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join(
  "",
);

function isOurs(state: unknown): state is Marker {
  return (
    typeof state === "object" &&
    state !== null &&
    (state as Partial<Marker>).obhutDocument === DOCUMENT_ID &&
    typeof (state as Partial<Marker>).depth === "number"
  );
}

/** Entries this document pushed before the one whose state is given (0 for anything else). */
export function depthOf(state: unknown): number {
  return isOurs(state) ? state.depth : 0;
}

/** The state for a new entry pushed on top of the current one. */
export function pushedState(current: unknown): Marker {
  return { obhutDocument: DOCUMENT_ID, depth: depthOf(current) + 1 };
}

/** The state for an entry that replaces the current one (same depth). */
export function replacedState(current: unknown): Marker {
  return { obhutDocument: DOCUMENT_ID, depth: depthOf(current) };
}
