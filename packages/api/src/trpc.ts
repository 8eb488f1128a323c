import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { DomainError, domainErrorCodes } from '@handled/core/errors';
import { booksAsClient, isOperator, type Context, type Role, type SessionUser } from './context.ts';

/** Who may call a procedure; the authorization harness reads it to know what to try. */
export interface ProcedureMeta {
  /** `operator`: admins and support; `admin`: admins only. */
  access: 'public' | 'user' | 'bot' | 'operator' | Role;
  /** Procedures that act on one resource name the input field holding its id. */
  ownedBy?: 'booking' | 'provider' | 'self';
}

/** What a caller is told of a failure on our side (a bug, a database fault). */
export const internalErrorMessage = 'Something went wrong on our side. Please try again.';

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Stacks (server file paths) never leave the server unless DEBUG_ERRORS asks: see errorFormatter.
    isDev: false,
    // Live updates (live.events) over SSE: a ping keeps proxies from closing a quiet stream, and a
    // client that hears nothing for 30 s reconnects (resuming from its last event id).
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 30_000 } },
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const debug = ctx?.deps.config.debugErrors === true;
      return {
        ...shape,
        // A bug's own words (a failed query with its SQL and values, a file path) stay in the server's
        // log: the caller is told it is on our side.
        message: error.code === 'INTERNAL_SERVER_ERROR' && !debug ? internalErrorMessage : shape.message,
        data: {
          ...shape.data,
          ...(debug ? { stack: error.stack } : {}),
          // Field errors for forms: { fieldErrors: { hours: ['…'] } }
          zodError: cause instanceof z.ZodError ? z.flattenError(cause) : null,
          domainCode: cause instanceof DomainError ? cause.code : null,
          details: cause instanceof DomainError ? (cause.details ?? null) : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/**
 * Coded domain errors become typed tRPC errors with the human message; anything else is a
 * bug and stays a 500 (and is logged by the server). In tRPC v11 `next()` does not throw, so
 * the result is inspected.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: domainErrorCodes[cause.code], message: cause.message, cause });
  }
  return result;
});

const base = t.procedure.use(domainErrors);

export const publicProcedure = base.meta({ access: 'public' });

function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in to continue.' });
  return user;
}

export const userProcedure = base.meta({ access: 'user' }).use(({ ctx, next }) => {
  return next({ ctx: { ...ctx, user: requireUser(ctx.user) } });
});

function roleProcedure(role: Role, message: string) {
  return base.meta({ access: role }).use(({ ctx, next }) => {
    const user = requireUser(ctx.user);
    const allowed = role === 'client' ? booksAsClient(user) : user.role === role;
    if (!allowed) throw new TRPCError({ code: 'FORBIDDEN', message });
    return next({ ctx: { ...ctx, user } });
  });
}

export const clientProcedure = roleProcedure('client', 'Only client accounts can do this.');
export const providerProcedure = roleProcedure('provider', 'Only provider accounts can do this.');
export const adminProcedure = base.meta({ access: 'admin' }).use(({ ctx, next }) => {
  const user = requireUser(ctx.user);
  if (user.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only administrators can do this.' });
  return next({ ctx: { ...ctx, user } });
});

/** The operator console (issue 18): admins and support. What support may not do is refused in the service. */
export const operatorProcedure = base.meta({ access: 'operator' }).use(({ ctx, next }) => {
  const user = requireUser(ctx.user);
  if (!isOperator(user)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only Handled operators can do this.' });
  return next({ ctx: { ...ctx, user } });
});

/** Called by the Telegram bot with its service secret, before a chat is linked to a user. */
export const botProcedure = base.meta({ access: 'bot' }).use(({ ctx, next }) => {
  if (!ctx.isBot) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the Handled bot can do this.' });
  return next();
});
