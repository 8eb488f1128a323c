import { findProvider } from '../../repositories/providers.ts';
import { countProfileView } from '../../repositories/reputation.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * One view of a provider's public profile, counted per provider and day (UTC) — no cookie, no
 * address, no person: the desk's funnel needs how many, never who. A provider looking at their own
 * page is not counted.
 */
export async function countView(deps: ServiceDeps, providerIdOrSlug: string, viewerId: string | null): Promise<{ counted: boolean }> {
  const p = await findProvider(deps.db, providerIdOrSlug);
  if (!p || !p.active || viewerId === p.userId) return { counted: false };
  await countProfileView(deps.db, p.userId, deps.now().toISOString().slice(0, 10));
  return { counted: true };
}
