import { api } from '$lib/server/api';
import { booksAsClient } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
  const { locals } = event;
  // The nav's "Messages" badge; the messages pages refresh it (app:unread) after reading.
  event.depends('app:unread');
  const unreadMessages = locals.user
    ? await api(event)
        .messages.unreadCount.query({})
        .then(
          (r) => r.unread,
          () => 0,
        )
    : 0;
  // The bell: unread rows of the notification centre (the /notifications page refreshes it after reading).
  const unreadNotifications = locals.user
    ? await api(event)
        .notifications.unreadCount.query()
        .catch(() => 0)
    : 0;
  return {
    user: locals.user ? { name: locals.user.name, role: locals.user.role, books: booksAsClient(locals.user) } : null,
    timeZone: locals.timeZone,
    unreadMessages,
    unreadNotifications,
  };
};
