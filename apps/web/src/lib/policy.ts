// One wording of the cancellation presets for every app (core): the site, the desk's onboarding, the admin pages.
export { describePolicy } from '@handled/core/booking';
