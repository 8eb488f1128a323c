import { z } from 'zod';
import { accountProfileSchema, deleteAccountSchema, idSchema, notificationChoicesSchema, savedAddressSchema } from '@handled/core/schemas';
import { botProcedure, clientProcedure, router, userProcedure } from '../trpc.ts';
import { createLinkCode, linkStatus, redeemLinkCode, unlink } from '../services/telegram-link.ts';
import {
  accountView,
  bookingDefaults,
  makeDefaultAddress,
  notificationChoices,
  removeAddress,
  saveAddress,
  savedAddresses,
  updateAccountProfile,
  updateNotificationChoices,
} from '../services/accounts/account.ts';
import { exportAccountData } from '../services/accounts/export.ts';
import { deleteAccount, deletionCheck } from '../services/accounts/delete-account.ts';

/** The signed-in person's own account: details, addresses, notification choices, Telegram, export and deletion. */
export const accountRouter = router({
  me: userProcedure.query(({ ctx }) => ctx.user),
  /** Name, email (and whether it is verified), phone, time zone, roles. */
  profile: userProcedure.meta({ access: 'user', ownedBy: 'self' }).query(({ ctx }) => accountView(ctx.deps, ctx.user.id)),
  updateProfile: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(accountProfileSchema)
    .mutation(({ ctx, input }) => updateAccountProfile(ctx.deps, ctx.user.id, input)),

  addresses: clientProcedure.meta({ access: 'client', ownedBy: 'self' }).query(({ ctx }) => savedAddresses(ctx.deps, ctx.user.id)),
  /** Adds an address, or edits one of the person's own (`id`); another person's id is not found. */
  saveAddress: clientProcedure
    .meta({ access: 'client', ownedBy: 'self' })
    .input(savedAddressSchema)
    .mutation(({ ctx, input }) => saveAddress(ctx.deps, ctx.user.id, input)),
  setDefaultAddress: clientProcedure
    .meta({ access: 'client', ownedBy: 'self' })
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => makeDefaultAddress(ctx.deps, ctx.user.id, input.id)),
  deleteAddress: clientProcedure
    .meta({ access: 'client', ownedBy: 'self' })
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => removeAddress(ctx.deps, ctx.user.id, input.id)),
  /** What a new booking form starts with: the phone and the default address. */
  bookingDefaults: clientProcedure.meta({ access: 'client', ownedBy: 'self' }).query(({ ctx }) => bookingDefaults(ctx.deps, ctx.user.id)),

  notificationChoices: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .query(({ ctx }) => notificationChoices(ctx.deps, ctx.user.id)),
  saveNotificationChoices: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(z.object({ choices: notificationChoicesSchema }))
    .mutation(({ ctx, input }) => updateNotificationChoices(ctx.deps, ctx.user.id, input.choices)),

  /** Everything kept about the person, as JSON. */
  exportData: userProcedure.meta({ access: 'user', ownedBy: 'self' }).query(({ ctx }) => exportAccountData(ctx.deps, ctx.user.id)),
  /** Whether the account can be deleted now, with the reasons when not. */
  deletionCheck: userProcedure.meta({ access: 'user', ownedBy: 'self' }).query(({ ctx }) => deletionCheck(ctx.deps, ctx.user.id)),
  deleteAccount: userProcedure
    .meta({ access: 'user', ownedBy: 'self' })
    .input(deleteAccountSchema)
    .mutation(({ ctx, input }) => deleteAccount(ctx.deps, ctx.user.id, input.password)),

  telegramStatus: userProcedure.query(({ ctx }) => linkStatus(ctx.deps, ctx.user.id)),
  /** A one-time code, and the t.me deep link that sends it, with the bot's name. */
  telegramLinkCode: userProcedure.mutation(({ ctx }) => createLinkCode(ctx.deps, ctx.user.id)),
  telegramUnlink: userProcedure.mutation(({ ctx }) => unlink(ctx.deps, ctx.user.id)),
  telegramRedeem: botProcedure
    .input(
      z.object({
        code: z.string().trim().min(4).max(16),
        chatId: z.string().regex(/^-?\d{1,20}$/),
        username: z.string().max(64).optional(),
      }),
    )
    .mutation(({ ctx, input }) => redeemLinkCode(ctx.deps, input)),
});
