/** Retries an assertion until it passes or the time runs out (jobs run asynchronously). */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw lastError;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
