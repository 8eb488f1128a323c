import type { Currency } from '@handled/core/money';
import type { LedgerTransaction } from '@handled/core/payments';
import type { DbOrTx } from '@handled/db';
import { insertPostings, ledgerHas } from '../../repositories/ledger.ts';

/**
 * Writes one ledger transaction. `txId` names the movement (e.g. `charge:pi_…`, `transfer:tr_…`),
 * and (txId, account) is unique, so writing the same movement twice records it once.
 */
export async function postLedger(
  tx: DbOrTx,
  p: { txId: string; bookingId: string | null; currency: Currency; entry: LedgerTransaction; externalRef?: string | null; at: Date },
): Promise<boolean> {
  if (p.entry.postings.length === 0 || (await ledgerHas(tx, p.txId))) return false;
  await insertPostings(
    tx,
    p.entry.postings.map((x) => ({
      txId: p.txId,
      bookingId: p.bookingId,
      account: x.account,
      amount: x.amount,
      currency: p.currency,
      kind: p.entry.kind,
      externalRef: p.externalRef ?? null,
      at: p.at,
    })),
  );
  return true;
}
