import { createApiClient } from '@handled/client';
import { AuthError, sessionUser, signInWithEmail, signOutSession, type DeskUser } from './auth.ts';
import { bridge } from './bridge.ts';
import { API_URL } from './config.ts';

type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice?: string }
  | { status: 'offline'; message: string }
  | { status: 'signed-in'; user: DeskUser };

/** Who is signed in, the token behind it (kept by the bridge), and the API client that sends it. */
class Session {
  state: SessionState = $state({ status: 'loading' });
  #token: string | null = null;

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
    } catch (e) {
      this.state = { status: 'offline', message: e instanceof AuthError ? e.message : String(e) };
    }
  }

  async signIn(email: string, password: string) {
    const { token, user } = await signInWithEmail(email, password);
    if (user.role !== 'provider' && user.role !== 'admin') {
      await signOutSession(token);
      throw new AuthError('Handled Desk is for providers. Clients book and pay on the Handled website.');
    }
    await bridge.setToken(token);
    this.#token = token;
    this.state = { status: 'signed-in', user };
  }

  async signOut(notice?: string) {
    const token = this.#token;
    this.#token = null;
    await bridge.clearToken();
    this.state = notice ? { status: 'signed-out', notice } : { status: 'signed-out' };
    if (token) await signOutSession(token);
  }

  /** Called when the API says the token is no longer good. */
  expired() {
    if (this.state.status === 'signed-in') void this.signOut('Your session ended. Sign in again to see your requests.');
  }
}

export const session = new Session();
