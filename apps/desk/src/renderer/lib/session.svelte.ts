import { createApiClient } from '@handled/client';
import { AuthError, sessionUser, signInWithEmail, signOutSession, type DeskUser } from './auth.ts';
import { bridge } from './bridge.ts';
import { API_URL } from './config.ts';
import { connection } from './connection.svelte.ts';
import { forgetCache, recall, remember } from './offline/cache.ts';

const USER_KEY = 'session:user';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'offline'; message: string }
  | { status: 'signed-in'; user: DeskUser };

/** Who is signed in, the token behind it (kept by the bridge), and the API client that sends it. */
class Session {
  state: SessionState = $state({ status: 'loading' });
  #token: string | null = null;
  #signOutHooks: (() => Promise<void> | void)[] = [];

  readonly api = createApiClient({
    url: API_URL,
    headers: (): Record<string, string> => (this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
  });

  /** For the few plain-HTTP calls beside tRPC: photo uploads and private images. */
  authHeaders(): Record<string, string> {
    return this.#token ? { authorization: `Bearer ${this.#token}` } : {};
  }

  get user(): DeskUser | null {
    return this.state.status === 'signed-in' ? this.state.user : null;
  }

  async restore() {
    this.state = { status: 'loading' };
    const token = await bridge.getToken();
    if (!token) {
      this.state = { status: 'signed-out' };
      return;
    }
    try {
      const user = await sessionUser(token);
      if (!user) {
        await bridge.clearToken();
        this.state = { status: 'signed-out', notice: 'Your session ended. Sign in again to see your requests.' };
        return;
      }
      this.#token = token;
      this.state = { status: 'signed-in', user };
      void remember(USER_KEY, user);
    } catch (e) {
      // No connection: the provider signed in here before, so open the desk on what this computer kept.
      const known = await recall<DeskUser>(USER_KEY);
      if (known) {
        this.#token = token;
        this.state = { status: 'signed-in', user: known.value };
        connection.unreachable();
        return;
      }
      this.state = { status: 'offline', message: e instanceof AuthError ? e.message : String(e) };
    }
  }

  async signIn(email: string, password: string) {
    const { token, user } = await signInWithEmail(email, password);
    if (user.role !== 'provider' && user.role !== 'admin') {
      await signOutSession(token);
      throw new AuthError('Handled Desk is for providers. Clients book and pay on the Handled website.');
    }
    // Someone else signed in here before (their session ended): none of their copies are shown to this person.
    const known = await recall<DeskUser>(USER_KEY);
    if (known && known.value.id !== user.id) await forgetCache();
    await bridge.setToken(token);
    this.#token = token;
    this.state = { status: 'signed-in', user };
    void remember(USER_KEY, user);
  }

  /** After a password change the server signs every session out and issues this one a new token: keep working with it. */
  async replaceToken(token: string) {
    await bridge.setToken(token);
    this.#token = token;
  }

  /** Called when the provider signs out (not when a session merely ends): the outbox and the offline copies forget this person. */
  onSignOut(fn: () => Promise<void> | void): void {
    this.#signOutHooks.push(fn);
  }

  /** `ended`: the session ran out — what waits to be sent stays, for when they sign in again. */
  async signOut(notice?: string, { ended = false }: { ended?: boolean } = {}) {
    const token = this.#token;
    this.#token = null;
    if (!ended) await Promise.all(this.#signOutHooks.map((fn) => Promise.resolve(fn()).catch(() => undefined)));
    await bridge.clearToken();
    this.state = notice ? { status: 'signed-out', notice } : { status: 'signed-out' };
    if (token) await signOutSession(token);
  }

  /** Called when the API says the token is no longer good. */
  expired() {
    if (this.state.status === 'signed-in') void this.signOut('Your session ended. Sign in again to see your requests.', { ended: true });
  }
}

export const session = new Session();
