// The hospital discharge page, in Vue: see ../shared/vite-page.ts for what the examples share.
import vue from '@vitejs/plugin-vue';
import { examplePage } from '../shared/vite-page.js';

export default examplePage(
  'hospital-discharge',
  // <peer-*> are custom elements, not Vue components.
  vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('peer-') } } }),
);
