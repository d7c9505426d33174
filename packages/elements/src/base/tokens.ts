import { css, unsafeCSS, type CSSResult } from 'lit';

/** Themes every token has a value for. */
export const PEER_THEMES = ['light', 'dark', 'high-contrast'] as const;
export type PeerTheme = (typeof PEER_THEMES)[number];

interface TokenValues {
  readonly light: string;
  /** Omitted when the light value serves every theme. */
  readonly dark?: string;
  readonly highContrast?: string;
}

/*
 * The one table of design tokens. Colour pairs are checked for contrast by the tests:
 * light and dark meet WCAG AA (4.5:1 for text, 3:1 for borders), high contrast exceeds AAA.
 */
const table = {
  'color-surface': { light: '#ffffff', dark: '#12161b', highContrast: '#000000' },
  'color-surface-raised': { light: '#f3f5f7', dark: '#1c2229', highContrast: '#000000' },
  'color-text': { light: '#1a1d21', dark: '#e8ecf0', highContrast: '#ffffff' },
  'color-text-muted': { light: '#4f5863', dark: '#a9b3be', highContrast: '#e0e0e0' },
  'color-border': { light: '#6b7480', dark: '#7d8792', highContrast: '#ffffff' },
  'color-focus-ring': { light: '#0a5fd1', dark: '#79b8ff', highContrast: '#ffff00' },
  'color-accent': { light: '#0a5fd1', dark: '#79b8ff', highContrast: '#ffff00' },
  'color-accent-contrast': { light: '#ffffff', dark: '#0b0f14', highContrast: '#000000' },
  'color-info': { light: '#0a5fd1', dark: '#79b8ff', highContrast: '#8fd3ff' },
  'color-on-info': { light: '#ffffff', dark: '#0b0f14', highContrast: '#000000' },
  'color-success': { light: '#17753a', dark: '#56d364', highContrast: '#7ee787' },
  'color-on-success': { light: '#ffffff', dark: '#0b0f14', highContrast: '#000000' },
  'color-warning': { light: '#8a5a00', dark: '#e3b341', highContrast: '#ffd84d' },
  'color-on-warning': { light: '#ffffff', dark: '#0b0f14', highContrast: '#000000' },
  'color-danger': { light: '#bb1f1f', dark: '#ff8a80', highContrast: '#ff9e9e' },
  'color-on-danger': { light: '#ffffff', dark: '#0b0f14', highContrast: '#000000' },

  'space-1': { light: '0.25rem' },
  'space-2': { light: '0.5rem' },
  'space-3': { light: '0.75rem' },
  'space-4': { light: '1rem' },
  'space-5': { light: '1.5rem' },
  'space-6': { light: '2rem' },

  'radius-sm': { light: '0.25rem' },
  'radius-md': { light: '0.5rem' },
  'radius-pill': { light: '999px' },
  'border-width': { light: '1px', highContrast: '2px' },
  'focus-ring-width': { light: '2px', highContrast: '3px' },
  'focus-ring-offset': { light: '2px' },

  'font-family': {
    light: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  'font-family-mono': { light: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace" },
  'font-size-sm': { light: '0.875rem' },
  'font-size-md': { light: '1rem' },
  'font-size-lg': { light: '1.25rem' },
  'font-weight-normal': { light: '400' },
  'font-weight-strong': { light: '600' },
  'line-height': { light: '1.4' },

  // rem, so controls grow with the reader's font size; 2rem is 32px at the default size.
  'control-height': { light: '2.5rem' },
  'control-height-compact': { light: '2rem' },

  'motion-duration': { light: '150ms' },
  'motion-easing': { light: 'cubic-bezier(0.2, 0, 0, 1)' },
} satisfies Record<string, TokenValues>;

/** Name of a design token, without the `--peer-` prefix. */
export type PeerTokenName = keyof typeof table;

const tokens: Readonly<Record<PeerTokenName, TokenValues>> = table;
const allNames = Object.keys(tokens) as PeerTokenName[];
/** Tokens whose value depends on the theme; only these are redeclared per theme. */
const themedNames = allNames.filter(
  (name) => tokens[name].dark !== undefined || tokens[name].highContrast !== undefined,
);

function valueIn(theme: PeerTheme, name: PeerTokenName): string {
  const values = tokens[name];
  if (theme === 'dark') return values.dark ?? values.light;
  if (theme === 'high-contrast') return values.highContrast ?? values.light;
  return values.light;
}

function declarations(theme: PeerTheme, names: readonly PeerTokenName[]): string {
  return names.map((name) => `--peer-${name}: ${valueIn(theme, name)};`).join(' ');
}

const COLOR_SCHEME: Record<PeerTheme, string> = {
  light: 'light',
  dark: 'dark',
  'high-contrast': 'dark',
};

/*
 * "More contrast" keeps the current theme (a component cannot know the page behind it) and
 * brings muted text and borders up to full text strength.
 */
const MORE_CONTRAST =
  '--peer-color-text-muted: var(--peer-color-text, #1a1d21); ' +
  '--peer-color-border: var(--peer-color-text, #1a1d21); --peer-border-width: 2px;';
const NO_MOTION = '--peer-motion-duration: 0s;';

/**
 * The `var()` expression reading a token, with its light value as fallback so a component
 * renders sensibly on a page that never loaded the theme stylesheet.
 */
export function token(name: PeerTokenName): CSSResult {
  // Safe: both parts come from the constant table above, never from input.
  return unsafeCSS(`var(--peer-${name}, ${tokens[name].light})`);
}

function hostTheme(theme: PeerTheme): CSSResult {
  return unsafeCSS(
    `:host([theme='${theme}']) { color-scheme: ${COLOR_SCHEME[theme]}; ${declarations(theme, themedNames)} }`,
  );
}

/**
 * Token styles for a component's `static styles`. Without a `theme` attribute the element
 * inherits tokens from the page (see {@link themeCss}); `theme` pins one theme on the element.
 */
export const tokenStyles: CSSResult = css`
  ${hostTheme('light')}
  ${hostTheme('dark')}
  ${hostTheme('high-contrast')}
  @media (prefers-contrast: more) {
    /* Also beats the :host([theme]) rules above, which are more specific than :host. */
    :host,
    :host([theme]) {
      ${unsafeCSS(MORE_CONTRAST)}
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      ${unsafeCSS(NO_MOTION)}
    }
  }
`;

/**
 * Page-level stylesheet text declaring every token. Put `data-peer-theme="dark"` (or
 * `"high-contrast"`, `"light"`) on any container to theme all Peerlink elements inside it:
 * custom properties inherit through shadow roots.
 */
export function themeCss(): string {
  return [
    `:root, [data-peer-theme='light'] { ${declarations('light', allNames)} }`,
    `[data-peer-theme='light'] { color-scheme: light; }`,
    `[data-peer-theme='dark'] { color-scheme: dark; ${declarations('dark', themedNames)} }`,
    `[data-peer-theme='high-contrast'] { color-scheme: dark; ${declarations('high-contrast', themedNames)} }`,
    `@media (prefers-contrast: more) { :root, [data-peer-theme] { ${MORE_CONTRAST} } }`,
    `@media (prefers-reduced-motion: reduce) { :root, [data-peer-theme] { ${NO_MOTION} } }`,
  ].join('\n');
}
