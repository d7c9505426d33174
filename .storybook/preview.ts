import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import manifest from '../packages/elements/custom-elements.json';
import { PEER_LOCALES, PEER_THEMES, type PeerLocale, type PeerTheme } from '../packages/elements/src/index.js';
import { storyFrameCss } from '../stories/story-frame.js';

// argTypes and the docs tables (attributes, parts, CSS properties) come from the manifest.
setCustomElementsManifest(manifest);

// Adopted rather than a <style> tag: works under the same strict CSP hosts use.
const sheet = new CSSStyleSheet();
sheet.replaceSync(storyFrameCss);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const isTheme = (value: unknown): value is PeerTheme => PEER_THEMES.some((theme) => theme === value);
const isLocale = (value: unknown): value is PeerLocale => PEER_LOCALES.some((locale) => locale === value);

/** Every story sits in a themed container with a language, as it would in a host page. */
const withThemeAndLocale: Decorator = (story, { globals }) => {
  const theme: unknown = globals.theme;
  const locale: unknown = globals.locale;
  return html`<div
    class="peer-story"
    data-peer-theme=${isTheme(theme) ? theme : 'light'}
    lang=${isLocale(locale) ? locale : 'en'}
  >
    ${story()}
  </div>`;
};

type GlobalType = NonNullable<Preview['globalTypes']>[string];
type ToolbarIcon = NonNullable<GlobalType['toolbar']>['icon'];

/** A global chosen from the toolbar, whose menu shows the title of the value chosen. */
const toolbarMenu = (
  description: string,
  title: string,
  icon: ToolbarIcon,
  items: Record<string, string>,
): GlobalType => ({
  description,
  toolbar: {
    title,
    icon,
    items: Object.entries(items).map(([value, title]) => ({ value, title })),
    dynamicTitle: true,
  },
});

const preview: Preview = {
  decorators: [withThemeAndLocale],
  globalTypes: {
    theme: toolbarMenu('Peerlink theme', 'Theme', 'contrast', {
      light: 'Light',
      dark: 'Dark',
      'high-contrast': 'High contrast',
    } satisfies Record<PeerTheme, string>),
    locale: toolbarMenu('Language of the components', 'Locale', 'globe', {
      en: 'English',
      es: 'Español',
    } satisfies Record<PeerLocale, string>),
  },
  initialGlobals: { theme: 'light', locale: 'en' },
  parameters: {
    // Accessibility violations fail story tests instead of only being listed.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
  tags: ['autodocs'],
};

export default preview;
