export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type WeekdayName = (typeof weekdayNames)[number];

export interface CalUser {
  id: number;
  username: string;
  email: string;
  name: string;
  timeZone: string;
  apiKeys: string[];
  defaultScheduleId: number;
}

export interface CalSchedule {
  id: number;
  ownerId: number;
  name: string;
  timeZone: string;
  isDefault: boolean;
  availability: { days: WeekdayName[]; startTime: string; endTime: string }[];
  overrides: { date: string; startTime: string; endTime: string }[];
}

export interface CalEventType {
  id: number;
  ownerId: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  description: string;
  hidden: boolean;
  scheduleId: number | null;
}

/** An event on the person's connected calendar (Google, …): it only shows as busy time. */
export interface CalCalendarEvent {
  id: number;
  ownerId: number;
  title: string;
  start: string;
  end: string;
}

export interface CalAttendee {
  name: string;
  email: string;
  timeZone: string;
  language: string;
  absent: boolean;
}

export interface CalBooking {
  id: number;
  uid: string;
  ownerId: number;
  eventTypeId: number | null;
  title: string;
  description: string;
  status: 'accepted' | 'cancelled' | 'rejected' | 'pending';
  start: string;
  end: string;
  attendees: CalAttendee[];
  metadata: Record<string, string>;
  location: string | null;
  cancellationReason: string | null;
  rescheduledFromUid: string | null;
  rescheduledToUid: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CalWebhook {
  id: string;
  ownerId: number;
  subscriberUrl: string;
  secret: string;
  triggers: string[];
  active: boolean;
}

export interface CalcomData {
  nextId: number;
  users: CalUser[];
  schedules: CalSchedule[];
  eventTypes: CalEventType[];
  events: CalCalendarEvent[];
  bookings: CalBooking[];
  webhooks: CalWebhook[];
  codes: Record<string, { clientId: string; redirectUri: string; challenge: string; userId: number; expiresAt: number }>;
  accessTokens: Record<string, { userId: number; expiresAt: number }>;
  refreshTokens: Record<string, { userId: number; clientId: string }>;
}

export interface WebhookDelivery {
  trigger: string;
  uid: string;
  url: string;
  status: number | null;
  dropped: boolean;
  at: number;
}

export interface RateLimit {
  /** Requests per window for an API key (Cal.com: 120 / 60 s). */
  apiKey: number;
  /** Requests per window for an OAuth access token (Cal.com: 500 / 60 s). */
  oauth: number;
  windowMs: number;
}

export const defaultRateLimit: RateLimit = { apiKey: 120, oauth: 500, windowMs: 60_000 };
