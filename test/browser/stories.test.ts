// Every story of every component, in every theme and language, rendered as Storybook renders it
// (meta and story args, the story's play function) and checked with axe. A story that is not
// accessible in one theme or language fails here, not in a designer's browser.
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { PEER_LOCALES, PEER_THEMES } from '../../packages/elements/src/index.js';
import * as calloutLogForm from '../../stories/callout-log-form.stories.js';
import * as directoryImport from '../../stories/directory-import.stories.js';
import * as logReviewQueue from '../../stories/log-review-queue.stories.js';
import * as certificationBadge from '../../stories/certification-badge.stories.js';
import * as dispatchCard from '../../stories/dispatch-card.stories.js';
import * as referralPicker from '../../stories/referral-picker.stories.js';
import * as requestButton from '../../stories/request-button.stories.js';
import * as status from '../../stories/status.stories.js';
// Program staff: the on-call schedule, the roster, the review queue, the directory import and the report.
import * as onCallSchedule from '../../stories/on-call-schedule.stories.js';
import * as roster from '../../stories/roster.stories.js';
import * as programReport from '../../stories/program-report.stories.js';
import { storyFrameCss } from '../../stories/story-frame.js';

type Args = Record<string, unknown>;
interface StoryContext {
  canvasElement: HTMLElement;
  args: Args;
}
interface Story {
  args?: Args;
  render?: (args: Args, context: StoryContext) => TemplateResult;
  play?: (context: StoryContext) => Promise<void> | void;
}
interface Meta extends Story {
  title: string;
  excludeStories?: RegExp;
}

const modules: Record<string, Record<string, unknown>> = {
  status,
  requestButton,
  dispatchCard,
  certificationBadge,
  calloutLogForm,
  referralPicker,
  // Program staff: the on-call schedule, the roster, the review queue, the directory import and the report.
  onCallSchedule,
  roster,
  logReviewQueue,
  directoryImport,
  programReport,
};

function storiesOf(module: Record<string, unknown>): { meta: Meta; stories: [string, Story][] } {
  const meta = module.default as Meta;
  const stories = Object.entries(module).filter(
    ([name, value]) =>
      name !== 'default' &&
      /^[A-Z]/.test(name) &&
      !meta.excludeStories?.test(name) &&
      typeof value === 'object' &&
      value !== null,
  ) as [string, Story][];
  return { meta, stories };
}

/** Waits until every Peerlink element below `root`, in light and shadow DOM, has rendered. */
async function settle(root: ParentNode, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    const elements: Element[] = [];
    const walk = (node: ParentNode) => {
      for (const el of node.querySelectorAll('*')) {
        if (el.localName.startsWith('peer-')) elements.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    await Promise.all(elements.map((el) => ('updateComplete' in el ? el.updateComplete : undefined)));
    // Canned clients answer after a short delay, as a real round trip would.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('stories', function () {
  this.timeout(120_000);
  // The picker's result list is a virtualizer: its resize observer may fire this benign loop notice
  // while a story lays out, as the picker's own tests also allow.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
  const frame = new CSSStyleSheet();
  frame.replaceSync(storyFrameCss);
  before(() => {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, frame];
  });
  after(() => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((sheet) => sheet !== frame);
  });

  for (const [key, module] of Object.entries(modules)) {
    const { meta, stories } = storiesOf(module);
    describe(meta.title, () => {
      it('has stories', () => {
        expect(stories.length, key).to.be.greaterThan(0);
      });
      for (const [name, story] of stories) {
        it(`${name} is accessible in every theme and language`, async () => {
          const renderStory = story.render ?? meta.render;
          if (!renderStory) throw new Error(`${meta.title} ${name} has no render function`);
          // The six variants render side by side, so their canned delays overlap.
          const variants = PEER_THEMES.flatMap((theme) => PEER_LOCALES.map((locale) => ({ theme, locale })));
          const page = document.createElement('div');
          document.body.append(page);
          const containers = variants.map(({ theme, locale }) => {
            const container = document.createElement('div');
            container.dataset.peerTheme = theme;
            container.lang = locale;
            container.className = 'peer-story';
            page.append(container);
            return container;
          });
          try {
            await Promise.all(
              containers.map(async (container) => {
                const args = { ...meta.args, ...story.args };
                render(renderStory(args, { canvasElement: container, args }), container);
                await settle(container);
                const play = story.play ?? meta.play;
                if (play) {
                  await play({ canvasElement: container, args });
                  await settle(container);
                }
              }),
            );
            for (const [index, container] of containers.entries()) {
              const { theme, locale } = variants[index] ?? { theme: '?', locale: '?' };
              expect(container.children.length, `${name} rendered nothing in ${theme}/${locale}`).to.be.greaterThan(0);
            }
            // Every rule on the first variant alone; then one run over all six, where landmarks
            // repeat because the same story is on the page six times.
            try {
              await expect(containers[0]).to.be.accessible();
              await expect(page).to.be.accessible({ ignoredRules: ['landmark-unique'] });
            } catch (error) {
              throw new Error(`${meta.title} › ${name}: ${error instanceof Error ? error.message : String(error)}`, {
                cause: error,
              });
            }
          } finally {
            for (const container of containers) render(null, container);
            page.remove();
          }
        });
      }
    });
  }
});
