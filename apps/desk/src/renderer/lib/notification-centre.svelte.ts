import { describeApiError, type RouterOutputs } from '@handled/client';
import { isNetworkError } from './offline/cache.ts';
import { session } from './session.svelte.ts';

export type CentreItem = RouterOutputs['notifications']['list']['items'][number];

export const CENTRE_POLL_MS = 30_000;

/** The bell: the unread count of the notification centre (polled while the window is visible) and its list. */
class NotificationCentre {
  unread: number | null = $state(null);
  items: CentreItem[] | null = $state(null);
  error: string | null = $state(null);

  async refreshUnread(): Promise<void> {
    try {
      this.unread = await session.api.notifications.unreadCount.query();
    } catch (e) {
      if (!isNetworkError(e) && describeApiError(e).code === 'UNAUTHORIZED') session.expired();
    }
  }

  async load(): Promise<void> {
    try {
      const r = await session.api.notifications.list.query({ limit: 50 });
      this.items = r.items;
      this.unread = r.unread;
      this.error = null;
    } catch (e) {
      this.error = describeApiError(e).message;
    }
  }

  async markRead(ids: string[] | null): Promise<void> {
    try {
      const r = await session.api.notifications.markRead.mutate(ids ? { ids } : { all: true });
      this.unread = r.unread;
      const at = new Date().toISOString();
      this.items = (this.items ?? []).map((i) => (!ids || ids.includes(i.id) ? { ...i, readAt: i.readAt ?? at } : i));
    } catch (e) {
      this.error = describeApiError(e).message;
    }
  }
}

export const notificationCentre = new NotificationCentre();
