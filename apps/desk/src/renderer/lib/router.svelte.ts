import { parseRoute, type Route } from './routes.ts';

/** The current hash route, kept in sync with `location.hash`. */
class Router {
  route: Route = $state(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  go(hash: string) {
    if (location.hash === hash) this.route = parseRoute(hash);
    else location.hash = hash;
  }
}

export const router = new Router();
