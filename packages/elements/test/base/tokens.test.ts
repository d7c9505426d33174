import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { PEER_THEMES, themeCss, token } from '../../src/index.js';
import { adoptThemeCss } from '../helpers.js';

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a #rrggbb colour: "${hex}"`);
  const [r = 0, g = 0, b = 0] = match.slice(1).map((channel) => {
    const value = parseInt(channel, 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** Foreground, background and the WCAG minimum (AA) each theme must meet. */
const PAIRS: readonly [string, string, number][] = [
  ['color-text', 'color-surface', 4.5],
  ['color-text', 'color-surface-raised', 4.5],
  ['color-text-muted', 'color-surface', 4.5],
  ['color-text-muted', 'color-surface-raised', 4.5],
  ['color-accent-contrast', 'color-accent', 4.5],
  ['color-border', 'color-surface', 3],
  ['color-focus-ring', 'color-surface', 3],
  ...(['info', 'success', 'warning', 'danger'] as const).flatMap((tone): [string, string, number][] => [
    [`color-${tone}`, 'color-surface', 4.5],
    [`color-${tone}`, 'color-surface-raised', 4.5],
    [`color-on-${tone}`, `color-${tone}`, 4.5],
  ]),
];

describe('theme tokens', () => {
  let removeTheme: () => void;
  before(() => {
    removeTheme = adoptThemeCss();
  });
  after(() => {
    removeTheme();
  });

  for (const theme of PEER_THEMES) {
    it(`meet ${theme === 'high-contrast' ? 'AAA' : 'AA'} contrast in the ${theme} theme`, async () => {
      const container = await fixture<HTMLDivElement>(html`<div data-peer-theme=${theme}></div>`);
      const style = getComputedStyle(container);
      const read = (name: string): string => style.getPropertyValue(`--peer-${name}`);
      // High contrast aims at AAA: 7:1 for text, 4.5:1 for borders and focus rings.
      const required = (minimum: number): number => (theme === 'high-contrast' ? (minimum >= 4.5 ? 7 : 4.5) : minimum);
      const failures = PAIRS.filter(([fg, bg, minimum]) => contrast(read(fg), read(bg)) < required(minimum)).map(
        ([fg, bg]) => `${fg} on ${bg}: ${contrast(read(fg), read(bg)).toFixed(2)}`,
      );
      expect(failures).to.deep.equal([]);
    });
  }

  it('gives high contrast a yellow focus ring on black', async () => {
    const container = await fixture<HTMLDivElement>(html`<div data-peer-theme="high-contrast"></div>`);
    const style = getComputedStyle(container);
    expect(style.getPropertyValue('--peer-color-focus-ring')).to.equal('#ffff00');
    expect(style.getPropertyValue('--peer-color-surface')).to.equal('#000000');
  });

  it('declares every token at the root and only themed ones per theme', () => {
    const css = themeCss();
    expect(css).to.match(/^:root, \[data-peer-theme='light'\] \{/);
    expect(css).to.contain('--peer-control-height-compact: 2rem;');
    const dark = /\[data-peer-theme='dark'\] \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(dark).to.contain('--peer-color-surface: #12161b;');
    expect(dark).not.to.contain('--peer-space-1');
    expect(css).to.contain('@media (prefers-reduced-motion: reduce)');
  });

  it('reads a token with its light value as fallback', () => {
    expect(String(token('color-text'))).to.equal('var(--peer-color-text, #1a1d21)');
    expect(String(token('control-height-compact'))).to.equal('var(--peer-control-height-compact, 2rem)');
  });
});
