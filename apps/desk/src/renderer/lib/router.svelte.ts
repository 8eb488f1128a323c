import { parseRoute, type Route, type SectionName } from './routes.ts';

export type Section = SectionName;

/** The current hash route, kept in sync with `location.hash`. */
class Router {
  route: Route = $state(parseRoute(location.hash));
  /** The list a booking was opened from: its back link and highlighted menu item. */
  section: Section = $state(sectionOf(parseRoute(location.hash)) ?? 'today');
  /** True when the app opened straight on a booking (a link from an email or a notification). */
  deepLinked = $state(parseRoute(location.hash).name === 'booking');

  constructor() {
    window.addEventListener('hashchange', () => this.#sync());
  }

  #sync() {
    this.route = parseRoute(location.hash);
    const section = sectionOf(this.route);
    if (section) {
      this.section = section;
      this.deepLinked = false;
    }
  }

  go(hash: string) {
    if (location.hash === hash) this.#sync();
    else location.hash = hash;
  }
}

function sectionOf(route: Route): Section | null {
  return route.name === 'booking' ? null : route.name;
}

export const router = new Router();
