// The whole client, every namespace: what an SDK developer's page loads.
export { createPeerlinkClient } from '@peerlink/sdk';
