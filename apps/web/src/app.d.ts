// See https://svelte.dev/docs/kit/types#app.d.ts
import type { SessionUser } from '$lib/server/session';

declare global {
  namespace App {
    interface Error {
      message: string;
      /** Where to go next, e.g. back to the provider to pick another time. */
      action?: { href: string; label: string };
    }
    interface Locals {
      user: SessionUser | null;
      /** The viewer's IANA zone: the browser's (tz cookie), else the account's, else null. */
      timeZone: string | null;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {};
