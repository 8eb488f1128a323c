/**
 * The zone a page writes its times in, chosen on the server so pages read right without
 * JavaScript: the browser's own zone once its script has said it (the `tz` cookie), else the
 * signed-in person's setting, else the zone of what the page is about — the job's, or the searched
 * place's — and UTC only when there is nothing at all. Pages name the zone they used.
 */
export function viewerZone(locals: { timeZone: string | null }, context?: string | null): string {
  return locals.timeZone ?? context ?? 'UTC';
}

/**
 * The person's setting, when they made one: an account made without the browser saying its zone
 * (a sign-up with JavaScript off) holds the default 'UTC', which nobody chose — the page then
 * uses the job's or the place's zone instead of claiming every time is in UTC.
 */
export function chosenZone(zone: string | null | undefined): string | null {
  return zone && zone !== 'UTC' ? zone : null;
}
