/** "18.40", "$18.4", "1,200" → minor units; null when it is not an amount of money. */
export function parseMoney(text: string): number | null {
  const t = text
    .trim()
    .replace(/^(A\$|CA\$|[$£€])/, '')
    .replace(/,/g, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}
