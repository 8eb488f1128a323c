export { appRouter, type AppRouter } from './router.ts';
export { domainErrorStatus } from './http-status.ts';
export { userOfChat } from './services/telegram-link.ts';
export type { Context, SessionUser, Role, Channel } from './context.ts';
export { booksAsClient } from './context.ts';
export type { ServiceDeps, AppConfig, Logger, PasswordCheck } from './services/deps.ts';
export type { ProcedureMeta } from './trpc.ts';
export { verificationEmail, resetPasswordEmail, renderAccountEmail } from './services/accounts/emails.ts';
export { skippingErased } from './services/accounts/erased.ts';
