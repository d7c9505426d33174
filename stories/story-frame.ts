// The frame every story sits in, in Storybook and in the story test: a themed, languaged
// container painted with the theme's surface, as a host page would paint it.
import { themeCss } from '../packages/elements/src/index.js';

export const storyFrameCss = `${themeCss()}
.peer-story {
  padding: 1rem;
  background: var(--peer-color-surface);
  color: var(--peer-color-text);
  font-family: var(--peer-font-family);
}`;
