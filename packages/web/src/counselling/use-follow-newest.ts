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

  useEffect(() => {
    const onScroll = () => {
      following.current = nearEnd();
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, []);

  useEffect(() => {
    if (!ready) return;
    if (!opened.current) {
      const start = openAt();
      if (start) {
        start.scrollIntoView({ block: "start" });
        following.current = nearEnd();
      } else endRef.current?.scrollIntoView({ block: "end" });
    } else if (following.current) endRef.current?.scrollIntoView({ block: "end" });
    opened.current = true;
    // `openAt` is read once, when the conversation opens.
  }, [endRef, ready, count]);

  // The page also grows without a new message (a decrypted attachment, the status line, a notice):
  // while the person follows the end, keep it in view.
  useEffect(() => {
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (opened.current && following.current) endRef.current?.scrollIntoView({ block: "end" });
    });
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [endRef]);
}
