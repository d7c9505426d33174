// A test-runner command that photographs part of the test's own page (Chromium through the chrome
// launcher): `executeServerCommand('peerlink-screenshot', { x, y, width, height })` answers a PNG as
// base64, for a test that must see what was painted (a focus ring not cut off), not only styles.
import { ChromeLauncher } from '@web/test-runner-chrome';
import type { TestRunnerPlugin } from '@web/test-runner';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function screenshotPlugin(): TestRunnerPlugin {
  return {
    name: 'peerlink-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'peerlink-screenshot') return undefined;
      if (!(session.browser instanceof ChromeLauncher))
        throw new Error('peerlink-screenshot needs the chrome launcher');
      return session.browser.getPage(session.id).screenshot({ clip: payload as Clip, encoding: 'base64' });
    },
  };
}
