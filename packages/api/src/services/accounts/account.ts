import { DomainError } from '@handled/core/errors';
import { isNotificationLanguage, resolveNotificationChoices, type NotificationChoices } from '@handled/core/notification-choices';
import type { z } from 'zod';
import type { accountProfileSchema, savedAddressSchema } from '@handled/core/schemas';
import {
  accountOf,
  clearOtherDefaults,
  countSavedAddresses,
  deleteSavedAddress,
  insertSavedAddress,
  notificationChoicesOf,
  saveAccountProfile,
  savedAddressesOf,
  savedAddressOf,
  saveNotificationChoices,
  setDefaultAddress,
  type SavedAddressRow,
  updateSavedAddress,
} from '../../repositories/accounts.ts';
import { lookupPostalCode, supportedPostalCountries } from '../discovery/places.ts';
import type { ServiceDeps } from '../deps.ts';

/** Addresses one person may keep. */
export const maxSavedAddresses = 10;

const accountGone = () => new DomainError('NOT_FOUND', 'We could not find your account.');

/** The signed-in person's own details, for the account page and the desk's Settings. */
export async function accountView(deps: ServiceDeps, userId: string) {
  const a = await accountOf(deps.db, userId);
  if (!a || a.deletedAt) throw accountGone();
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    emailVerified: a.emailVerified,
    phone: a.phone,
    timeZone: a.timeZone,
    /** The language notifications are written in (ISO 639-1). */
    language: isNotificationLanguage(a.language) ? a.language : 'en',
    role: a.role,
    alsoClient: a.alsoClient,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function updateAccountProfile(deps: ServiceDeps, userId: string, input: z.output<typeof accountProfileSchema>) {
  await saveAccountProfile(deps.db, userId, input, deps.now());
  return accountView(deps, userId);
}

export function addressView(a: SavedAddressRow) {
  return {
    id: a.id,
    label: a.label,
    isDefault: a.isDefault,
    address: {
      line1: a.line1,
      ...(a.line2 ? { line2: a.line2 } : {}),
      city: a.city,
      ...(a.region ? { region: a.region } : {}),
      postalCode: a.postalCode,
      country: a.country,
    },
  };
}
export type SavedAddressView = ReturnType<typeof addressView>;

export async function savedAddresses(deps: ServiceDeps, userId: string) {
  return (await savedAddressesOf(deps.db, userId)).map(addressView);
}

/**
 * Adds or edits one of the person's addresses, checked like the booking form's (format by the
 * schema, and that the postal code exists where the offline data knows the country). The first
 * address, or one marked default, becomes the only default.
 */
export async function saveAddress(deps: ServiceDeps, userId: string, input: z.output<typeof savedAddressSchema>) {
  const { address } = input;
  if ((supportedPostalCountries as readonly string[]).includes(address.country) && !lookupPostalCode(address.country, address.postalCode))
    throw new DomainError('INVALID_INPUT', `We can't find the postal code ${address.postalCode.toUpperCase()}. Check it and try again.`, {
      field: 'postalCode',
    });
  const fields = {
    label: input.label,
    line1: address.line1,
    line2: address.line2 || null,
    city: address.city,
    region: address.region || null,
    postalCode: address.postalCode.toUpperCase(),
    country: address.country,
  };
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    let id = input.id;
    if (id) {
      const existing = await savedAddressOf(tx, userId, id);
      if (!existing) throw new DomainError('NOT_FOUND', 'We could not find that address.');
      await updateSavedAddress(tx, userId, id, { ...fields, isDefault: input.isDefault || existing.isDefault }, now);
    } else {
      const count = await countSavedAddresses(tx, userId);
      if (count >= maxSavedAddresses)
        throw new DomainError('INVALID_INPUT', `You can keep up to ${maxSavedAddresses} addresses. Remove one to add another.`);
      const row = await insertSavedAddress(tx, userId, { ...fields, isDefault: input.isDefault || count === 0 }, now);
      id = row.id;
    }
    const saved = await savedAddressOf(tx, userId, id);
    if (!saved) throw new Error('Saved address vanished in its own transaction');
    if (saved.isDefault) await clearOtherDefaults(tx, userId, id);
    return addressView(saved);
  });
}

export async function makeDefaultAddress(deps: ServiceDeps, userId: string, id: string) {
  return deps.db.transaction(async (tx) => {
    if (!(await savedAddressOf(tx, userId, id))) throw new DomainError('NOT_FOUND', 'We could not find that address.');
    await setDefaultAddress(tx, userId, id);
    await clearOtherDefaults(tx, userId, id);
    return (await savedAddressesOf(tx, userId)).map(addressView);
  });
}

/** Removes an address; when it was the default, the newest remaining one takes its place. */
export async function removeAddress(deps: ServiceDeps, userId: string, id: string) {
  return deps.db.transaction(async (tx) => {
    const existing = await savedAddressOf(tx, userId, id);
    if (!existing || !(await deleteSavedAddress(tx, userId, id))) throw new DomainError('NOT_FOUND', 'We could not find that address.');
    const rest = await savedAddressesOf(tx, userId);
    const next = rest[0];
    if (existing.isDefault && next) {
      await setDefaultAddress(tx, userId, next.id);
      return (await savedAddressesOf(tx, userId)).map(addressView);
    }
    return rest.map(addressView);
  });
}

/** What the booking form starts with: the phone and the default address (else none). */
export async function bookingDefaults(deps: ServiceDeps, userId: string) {
  const [a, addresses] = await Promise.all([accountOf(deps.db, userId), savedAddressesOf(deps.db, userId)]);
  if (!a) throw accountGone();
  const preferred = addresses.find((x) => x.isDefault) ?? addresses[0];
  return { phone: a.phone, address: preferred ? addressView(preferred) : null, addresses: addresses.map(addressView) };
}

export async function notificationChoices(deps: ServiceDeps, userId: string) {
  const stored = await notificationChoicesOf(deps.db, userId);
  return { choices: resolveNotificationChoices(stored), saved: stored !== null && Object.keys(stored).length > 0 };
}

export async function updateNotificationChoices(deps: ServiceDeps, userId: string, choices: NotificationChoices) {
  await saveNotificationChoices(deps.db, userId, choices, deps.now());
  return notificationChoices(deps, userId);
}
