// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef, type RefObject } from "react";

/** How close to the end (px) counts as "reading the newest": new messages then scroll into view. */
const NEAR_END = 240;

function nearEnd(): boolean {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - NEAR_END;
}

/**
 * A conversation opens at its newest message, like a messenger: once the history is ready the
 * marker after the composer is scrolled to the bottom of the screen, so the newest messages sit
 * right above the composer — or, when `openAt` finds an element (the "new messages" marker), at that
 * element, so the first unread message is where reading starts. Later messages (arriving or sent) are
 * followed while the person is at the end; someone reading further up is not pulled away.
 */
export function useFollowNewest(
  endRef: RefObject<HTMLElement | null>,
  ready: boolean,
  count: number,
  openAt: () => HTMLElement | null = () => null,
): void {
  const opened = useRef(false);
  const following = useRef(true);
  /** The element the view opened at, held in place until the person scrolls themselves. */
  const anchor = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const onScroll = () => {
      following.current = nearEnd();
    };
    const release = () => {
      anchor.current = null;
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    const inputs = ["wheel", "touchstart", "pointerdown", "keydown"] as const;
    for (const input of inputs) window.addEventListener(input, release, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      for (const input of inputs) window.removeEventListener(input, release);
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    if (!opened.current) {
      const start = openAt();
      if (start) {
        anchor.current = start;
        start.scrollIntoView({ block: "start" });
        following.current = nearEnd();
      } else endRef.current?.scrollIntoView({ block: "end" });
    } else if (following.current) {
      anchor.current = null;
      endRef.current?.scrollIntoView({ block: "end" });
    }
    opened.current = true;
    // `openAt` is read once, when the conversation opens.
  }, [endRef, ready, count]);

  // The page also grows without a new message (a decrypted picture, the status line, a notice): keep
  // the "new messages" marker in place until the person moves, or else the end while they follow it.
  useEffect(() => {
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (!opened.current) return;
      if (anchor.current?.isConnected) {
        anchor.current.scrollIntoView({ block: "start" });
        following.current = nearEnd();
      } else if (following.current) endRef.current?.scrollIntoView({ block: "end" });
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [endRef]);
}
