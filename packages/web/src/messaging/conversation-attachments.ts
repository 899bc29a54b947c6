// SPDX-License-Identifier: AGPL-3.0-or-later
import { ApiError, type ApiClient } from "../api/client";
import type { AttachmentPolicy } from "./attachment-policy";
import { conversationAttachmentPolicy, deleteAttachment } from "./endpoints";

export interface AttachmentsSnapshot {
  /** Null until loaded (or while it cannot be loaded). */
  policy: AttachmentPolicy | null;
  /** Attachments deleted in this conversation: shown as "attachment deleted", never as a download. */
  deleted: ReadonlySet<string>;
}

/**
 * Attachment rules and deletions of one conversation, for its views: the
 * organisation's policy (loaded once, again on demand after a failure) and
 * the ids of deleted attachments (from the server, plus what this device
 * deleted or found deleted on download).
 */
export class ConversationAttachments {
  private snapshot: AttachmentsSnapshot = { policy: null, deleted: new Set() };
  private loading: Promise<AttachmentPolicy> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: ApiClient,
    private readonly conversationId: string,
  ) {}

  getSnapshot = (): AttachmentsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The policy, loading it if needed; rejects when the server cannot be asked (callers then refuse to act). */
  ensurePolicy(): Promise<AttachmentPolicy> {
    if (this.snapshot.policy) return Promise.resolve(this.snapshot.policy);
    this.loading ??= this.api
      .request(conversationAttachmentPolicy, { params: { id: this.conversationId } })
      .then(({ policy, deleted }) => {
        this.update({ policy, deleted: new Set([...this.snapshot.deleted, ...deleted]) });
        return policy;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** Deletes an attachment on the server (uploader, or the case's counsellor); already deleted counts as done. */
  async remove(id: string): Promise<void> {
    try {
      await this.api.request(deleteAttachment, { params: { id } });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === "attachment_deleted")) throw error;
    }
    this.markDeleted(id);
  }

  /** Records that the server answered `attachment_deleted` for this id. */
  markDeleted(id: string): void {
    if (this.snapshot.deleted.has(id)) return;
    this.update({ ...this.snapshot, deleted: new Set([...this.snapshot.deleted, id]) });
  }

  private update(next: AttachmentsSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
