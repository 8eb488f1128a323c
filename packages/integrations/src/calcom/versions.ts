/**
 * `cal-api-version` per endpoint family. A missing header silently means an old version on the
 * real service, so every call names its version (see docs/integrations/calcom.md).
 */
export const CALCOM_API_VERSIONS = {
  slots: '2024-09-04',
  bookings: '2024-08-13',
  eventTypes: '2024-06-14',
  schedules: '2024-06-11',
} as const;
export type CalcomApiFamily = keyof typeof CALCOM_API_VERSIONS;
