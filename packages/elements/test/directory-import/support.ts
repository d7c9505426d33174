// A real program client for the directory tools' tests whose connection and capacity saves the test controls.
import { createProgramClient, type GetToken } from '@peerlink/sdk';
import type { DirectoryImportClient } from '../../src/index.js';
import type { Setup } from '../request-button/server.js';

/**
 * The element's calls, made by a real `createProgramClient()` on the service. While `link.down`, requests
 * fail the way fetch fails without a network; after `holdSaves()`, a capacity save is sent only on `release()`.
 */
export function controlledClient(server: Setup, getToken: GetToken) {
  const link = { down: false };
  const program = createProgramClient({
    baseUrl: server.apiUrl,
    getToken,
    offline: false,
    retries: 0,
    timeoutMs: 3000,
    fetch: (input, init) => (link.down ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init)),
  });
  let gate: Promise<void> = Promise.resolve();
  let release = (): void => undefined;
  const client: DirectoryImportClient = {
    directory: {
      ...program.directory,
      updateCapacity: async (...args) => {
        await gate;
        return program.directory.updateCapacity(...args);
      },
    },
    resources: program.resources,
  };
  return {
    client,
    link,
    holdSaves: () => {
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    release: () => {
      release();
    },
  };
}
