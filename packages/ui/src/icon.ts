import type { IconNode } from 'lucide';
import { escapeHtml } from '@handled/core/html';

const rendered = new WeakMap<IconNode, string>();

/** A Lucide icon's shapes as SVG markup, once per icon. */
export function iconMarkup(icon: IconNode): string {
  let markup = rendered.get(icon);
  if (markup === undefined) {
    markup = icon
      .map(
        ([tag, attrs]) =>
          `<${tag}${Object.entries(attrs)
            .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
            .join('')}/>`,
      )
      .join('');
    rendered.set(icon, markup);
  }
  return markup;
}
