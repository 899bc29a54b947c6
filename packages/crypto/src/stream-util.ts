// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * Keeps a few chunk operations in flight (WebCrypto runs them off the main
 * thread) while releasing results strictly in order. A failed chunk rejects
 * when it reaches the front, before any later chunk is released.
 */
export class OrderedQueue {
  private readonly pending: Promise<Uint8Array>[] = [];
  constructor(private readonly depth = 4) {}

  async push(p: Promise<Uint8Array>, release: (out: Uint8Array) => void): Promise<void> {
    p.catch(() => undefined); // rejection is surfaced when awaited below, not as "unhandled"
    this.pending.push(p);
    while (this.pending.length > this.depth) release(await this.pending.shift()!);
  }

  async drain(release: (out: Uint8Array) => void): Promise<void> {
    while (this.pending.length > 0) release(await this.pending.shift()!);
  }
}

/** Convenience for small inputs and tests: runs bytes through a TransformStream. */
export async function transformBytes(
  stream: TransformStream<Uint8Array, Uint8Array>,
  input: Uint8Array | readonly Uint8Array[],
): Promise<Uint8Array> {
  const parts = input instanceof Uint8Array ? [input] : input;
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
  const out: Uint8Array[] = [];
  const reader = source.pipeThrough(stream).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.push(value);
  }
  let length = 0;
  for (const p of out) length += p.length;
  const result = new Uint8Array(length);
  let o = 0;
  for (const p of out) {
    result.set(p, o);
    o += p.length;
  }
  return result;
}
