// SPDX-License-Identifier: AGPL-3.0-or-later
import { useEffect, useRef } from "react";

/** The inbox's keyboard shortcuts, listed in the help dialog in this order. */
export const SHORTCUTS = [
  { keys: ["j", "↓"], action: "next" },
  { keys: ["k", "↑"], action: "previous" },
  { keys: ["Enter", "o"], action: "open" },
  { keys: ["r"], action: "reply" },
  { keys: ["Esc"], action: "leave" },
  { keys: ["Alt+T"], action: "insertSnippet" },
  { keys: ["?"], action: "help" },
] as const;

/** Where typing happens: a shortcut never fires there (Escape in the reply box aside). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "submit", "reset", "file"].includes(target.type);
  }
  return false;
}

export interface InboxKeyTargets {
  /** The links of the cases, in list order. */
  links: () => HTMLAnchorElement[];
  /** The reply box of the open case, if there is one. */
  reply: () => HTMLTextAreaElement | null;
  /** The link of the open (selected) case, if any. */
  current: () => HTMLAnchorElement | null;
  onHelp: () => void;
}

/**
 * j/k (or the arrows while focus is in the list) move focus between cases,
 * o opens the focused one (Enter does so natively on the link), r focuses
 * the reply box, Escape leaves it back to the case in the list, ? opens the
 * help. Nothing fires while a field has focus, with a modifier held, or
 * while a dialog is open.
 */
export function useInboxKeys(targets: InboxKeyTargets): void {
  const ref = useRef(targets);
  ref.current = targets;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const { links, reply, current, onHelp } = ref.current;
      const target = event.target;
      if (isTypingTarget(target)) {
        if (event.key === "Escape" && target === reply()) {
          event.preventDefault();
          (current() ?? links()[0])?.focus();
        }
        return;
      }
      if (document.querySelector("dialog[open]")) return;
      const all = links();
      const focused = all.findIndex((a) => a.closest("li")?.contains(document.activeElement));
      const here = focused >= 0 ? focused : all.indexOf(current() as HTMLAnchorElement);
      const inList = focused >= 0;
      const move = (step: number) => {
        if (all.length === 0) return;
        event.preventDefault();
        const next = here < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, here + step));
        all[next]?.focus();
      };
      switch (event.key) {
        case "j":
          return move(1);
        case "k":
          return move(-1);
        case "ArrowDown":
          return inList ? move(1) : undefined;
        case "ArrowUp":
          return inList ? move(-1) : undefined;
        case "o":
          if (here >= 0) {
            event.preventDefault();
            all[here]?.click();
          }
          return;
        case "r": {
          const box = reply();
          if (box) {
            event.preventDefault();
            box.focus();
          }
          return;
        }
        case "?":
          event.preventDefault();
          onHelp();
          return;
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
