import { createApp } from 'vue';
// Defines <peer-referral-picker> before the app renders it, so Vue sets its properties.
import '@peerlink/elements/referral-picker/define.js';
import App from './App.vue';
import { hostConfig } from '../../shared/host.js';

const config = await hostConfig();
createApp(App, { config }).mount('#app');
