import { DomainError } from '@handled/core/errors';
import type { SessionUser } from '../../context.ts';
import { personById, setUserRole } from '../../repositories/operator.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * An admin gives or takes the support role (issue 18). Only a client account becomes support (a
 * provider keeps their listing, an admin stays admin); taking it back makes them a client again.
 * The change and its audit entry (`user.role`, with the reason) are one transaction.
 */
export async function setSupportRole(deps: ServiceDeps, admin: SessionUser, input: { userId: string; support: boolean; reason: string }) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const found = await personById(tx, input.userId);
    if (!found) throw new DomainError('NOT_FOUND', 'We could not find that person.');
    if (found.user.id === admin.id) throw new DomainError('FORBIDDEN', 'You cannot change your own role.');
    const [from, to] = input.support ? (['client', 'support'] as const) : (['support', 'client'] as const);
    if (found.user.role !== from)
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        input.support
          ? `Only a client account can be given the support role; this one is ${found.user.role}.`
          : 'This person does not have the support role.',
      );
    const row = await setUserRole(tx, input.userId, from, to);
    if (!row) throw new DomainError('STALE_VERSION', 'Someone changed this role meanwhile. Reload the page.');
    await recordAudit(
      tx,
      {
        actor: admin,
        action: 'user.role',
        subjectType: 'user',
        subjectId: input.userId,
        reason: input.reason,
        before: { role: from },
        after: { role: to },
      },
      now,
    );
    return { userId: input.userId, role: to };
  });
}
