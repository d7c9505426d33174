// The floor of the size budgets: what the mandated libraries cost together with one trivial
// element, one request and one schema. Nothing of Peerlink's own is in it.
import { LitElement, html } from 'lit';
import ky from 'ky';
import * as z from 'zod/mini';

const Ping = z.object({ ok: z.boolean() });

export class FloorElement extends LitElement {
  override render() {
    return html`<button>${this.localName}</button>`;
  }
}
customElements.define('floor-element', FloorElement);

export const ping = async () => Ping.parse(await ky.get('ping').json());
