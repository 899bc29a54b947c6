// SPDX-License-Identifier: AGPL-3.0-or-later
import { type KeyboardEvent, type ReactNode, type RefObject, useId, useState } from "react";
import { useT } from "../i18n/use-t";
import {
  type MentionCandidate,
  activeMention,
  insertMention,
  matchingCandidates,
  mentionedIds,
} from "../messaging/mentions";

/**
 * "@" in a team chat's composer (ADR 0040), after the ARIA combobox pattern (APG, "combobox with listbox popup",
 * list autocomplete): the text box is the combobox; typing "@" and letters opens a listbox of matching members
 * below it, ↓/↑ move the active option (aria-activedescendant; focus stays in the text), Enter or Tab writes
 * "@Name " into the text, Escape closes the list, and a click on an option picks it. Without candidates (case
 * conversations, direct chats) it adds nothing.
 */
export function useMentionBox({
  candidates,
  text,
  setText,
  textRef,
}: {
  candidates: readonly MentionCandidate[] | undefined;
  text: string;
  setText: (text: string) => void;
  textRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useT();
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  // The "@" whose list was closed with Escape: it stays closed until another "@" is typed.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [picked, setPicked] = useState<MentionCandidate[]>([]);

  const enabled = candidates !== undefined && candidates.length > 0;
  const mention = enabled ? activeMention(text, Math.min(caret, text.length)) : null;
  const options = mention && mention.start !== dismissed ? matchingCandidates(candidates!, mention.query) : [];
  const open = options.length > 0;
  const current = Math.min(active, options.length - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  const follow = () => {
    const box = textRef.current;
    if (box) setCaret(box.selectionStart ?? box.value.length);
  };
  const pick = (candidate: MentionCandidate) => {
    if (!mention) return;
    const next = insertMention(text, mention.start, Math.min(caret, text.length), candidate.name);
    setText(next.text);
    setCaret(next.caret);
    setActive(0);
    // The written "@Name " still reads as a query for that name: the list stays closed for this "@".
    setDismissed(mention.start);
    setPicked((p) => (p.some((c) => c.accountId === candidate.accountId) ? p : [...p, candidate]));
    requestAnimationFrame(() => {
      textRef.current?.focus();
      textRef.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  /** Handles the list's keys; true when the key was the list's (the caller does nothing more with it). */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setActive((current + step + options.length) % options.length);
      return true;
    }
    if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey) {
      e.preventDefault();
      pick(options[current]!);
      return true;
    }
    if (e.key === "Escape") {
      e.preventDefault();
      setDismissed(mention!.start);
      return true;
    }
    return false;
  };

  const inputProps = enabled
    ? {
        role: "combobox" as const,
        "aria-autocomplete": "list" as const,
        "aria-expanded": open,
        "aria-controls": open ? listId : undefined,
        "aria-activedescendant": open ? optionId(current) : undefined,
        onSelect: follow,
        onKeyUp: follow,
        onClick: follow,
      }
    : {};

  const listbox: ReactNode = open ? (
    <ul id={listId} role="listbox" className="mention-list" aria-label={t("chats.mention.listLabel")}>
      {options.map((c, i) => (
        <li
          key={c.accountId}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className={i === current ? "mention-list__option mention-list__option--active" : "mention-list__option"}
          // Keeps the focus in the text box (the combobox) while the option is clicked.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => pick(c)}
        >
          {c.name}
        </li>
      ))}
    </ul>
  ) : null;

  return {
    inputProps,
    onKeyDown,
    listbox,
    hint: enabled ? t("chats.mention.hint") : null,
    /** The ids the text still mentions, for the sealed body. */
    mentions: () => mentionedIds(text, picked),
    reset: () => {
      setPicked([]);
      setDismissed(null);
    },
    onChanged: (value: string, caretAt: number) => {
      setCaret(caretAt);
      setActive(0);
      // A new "@" opens the list again.
      const m = activeMention(value, caretAt);
      if (m && m.start !== dismissed) setDismissed(null);
    },
  };
}
