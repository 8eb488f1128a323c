/** Suggested tips: 10, 15 and 20 % of the job's service, each rounded to a whole unit (at least 1). */
export function tipChoices(service: number): { amount: number; label: string }[] {
  const seen = new Set<number>();
  return [10, 15, 20].flatMap((pct) => {
    const amount = Math.max(100, Math.round((service * pct) / 100 / 100) * 100);
    if (seen.has(amount)) return [];
    seen.add(amount);
    return [{ amount, label: `${pct}%` }];
  });
}

/** "20", "20.5", "$20.50" → 2050 minor units; null when it is not an amount. */
export function parseAmount(text: string): number | null {
  const t = text
    .trim()
    .replace(/^[$£€]|^A\$|^CA\$/, '')
    .replace(/,/g, '');
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}
