// The court portal, a React page: see ../shared/vite-page.ts for what the examples share.
import react from '@vitejs/plugin-react';
import { examplePage } from '../shared/vite-page.js';

export default examplePage('court-portal', react());
