import { DomainError } from '@handled/core/errors';
import { addFavourite, favouritesOf, removeFavourite } from '../../repositories/favourites.ts';
import { findProvider } from '../../repositories/providers.ts';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export async function setFavourite(deps: ServiceDeps, user: SessionUser, providerId: string, favourite: boolean) {
  const p = await findProvider(deps.db, providerId);
  if (!p) throw new DomainError('NOT_FOUND', 'We could not find that provider.');
  if (favourite) await addFavourite(deps.db, user.id, p.userId);
  else await removeFavourite(deps.db, user.id, p.userId);
  return { providerId: p.userId, favourite };
}

export async function listFavourites(deps: ServiceDeps, user: SessionUser) {
  const rows = await favouritesOf(deps.db, user.id);
  return rows.map((r) => ({ ...r, savedAt: r.savedAt.toISOString() }));
}
