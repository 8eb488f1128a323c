/**
 * Compares the payments ledger with Stripe's objects (the emulator in the sandbox, or the real
 * test account when STRIPE_SECRET_KEY is set) and prints every difference; exits 1 if any.
 *
 *   pnpm exec tsx scripts/reconcile.ts            # uses the server's env (DATA_DIR, EMULATORS_URL, STRIPE_*)
 */
import { reconcile } from '@handled/api/payments';
import { createDeps, createLogger, loadEnv } from '@handled/server';

const env = loadEnv();
const deps = await createDeps(env, createLogger('silent'));
try {
  const report = await reconcile(deps.db, deps.stripe);
  console.log(`reconciled ${report.bookings} bookings against ${env.sandbox.stripe ? 'the Stripe emulator' : 'Stripe'}`);
  console.log(`unbalanced ledger transactions: ${report.unbalancedTransactions}, unbalanced bookings: ${report.unbalancedBookings}`);
  for (const d of report.differences) console.log(`DIFF booking=${d.bookingId ?? '-'} ${d.what}: ledger ${d.ledger} vs stripe ${d.stripe}`);
  console.log(report.differences.length === 0 ? 'no differences' : `${report.differences.length} differences`);
  process.exitCode = report.differences.length === 0 ? 0 : 1;
} finally {
  deps.db.$client.close();
}
