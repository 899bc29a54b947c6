// SPDX-License-Identifier: AGPL-3.0-or-later
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_RECEIPTS, deliveryState, firstUnreadSeq, unreadAfterOnOpen, withReceipt } from "./read-state";

describe("own messages' states", () => {
  it("shows only 'sent' while the organisation's policy hides receipts, whatever the markers say", () => {
    expect(deliveryState(1, NO_RECEIPTS)).toBe("sent");
    expect(deliveryState(1, { shared: false, deliveredSeq: 9, readSeq: 9 })).toBe("sent");
  });

  it("sent → delivered → read by the others' markers", () => {
    const receipts = { shared: true, deliveredSeq: 5, readSeq: 3 };
    expect(deliveryState(3, receipts)).toBe("read");
    expect(deliveryState(4, receipts)).toBe("delivered");
    expect(deliveryState(5, receipts)).toBe("delivered");
    expect(deliveryState(6, receipts)).toBe("sent");
  });

  it("live receipts only move forward, and reading counts as receiving", () => {
    let r = withReceipt(NO_RECEIPTS, "delivered", 4);
    expect(r).toEqual({ shared: true, deliveredSeq: 4, readSeq: 0 });
    r = withReceipt(r, "read", 6);
    expect(r).toEqual({ shared: true, deliveredSeq: 6, readSeq: 6 });
    r = withReceipt(r, "delivered", 2);
    expect(r).toEqual({ shared: true, deliveredSeq: 6, readSeq: 6 });
  });

  it("a message's state never goes back as receipts arrive in any order", () => {
    const rank = { sent: 0, delivered: 1, read: 2 } as const;
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom("delivered" as const, "read" as const), seq: fc.nat(20) })),
        fc.integer({ min: 1, max: 20 }),
        (frames, seq) => {
          let receipts = NO_RECEIPTS;
          let last = 0;
          for (const f of frames) {
            receipts = withReceipt(receipts, f.kind, f.seq);
            const now = rank[deliveryState(seq, receipts)];
            expect(now).toBeGreaterThanOrEqual(last);
            last = now;
          }
        },
      ),
    );
  });
});

describe("the 'new messages' marker", () => {
  const m = (seq: number, own = false) => ({ seq, own });

  it("stands before the first message someone else wrote after the read marker", () => {
    const messages = [m(1), m(2, true), m(3, true), m(4), m(5)];
    const after = unreadAfterOnOpen(messages, 3);
    expect(after).toBe(3);
    expect(firstUnreadSeq(messages, after)).toBe(4);
  });

  it("is not there when nothing new arrived, and one's own newer messages do not count", () => {
    expect(unreadAfterOnOpen([m(1), m(2)], 2)).toBeNull();
    expect(unreadAfterOnOpen([m(1), m(2, true)], 1)).toBeNull();
    expect(unreadAfterOnOpen([], 0)).toBeNull();
    // Opened with nothing new: a message arriving while the conversation is shown gets no marker.
    expect(firstUnreadSeq([m(1), m(2), m(3)], null)).toBeNull();
  });

  it("stays where it was when more messages arrive while the conversation is open", () => {
    const after = unreadAfterOnOpen([m(1), m(2)], 1);
    expect(firstUnreadSeq([m(1), m(2), m(3, true), m(4)], after)).toBe(2);
  });
});
