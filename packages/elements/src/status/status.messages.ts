import { defineMessages } from '../base/localize.js';

/** Messages of `<peer-status>`. */
export const statusMessages = defineMessages({
  en: {
    'status.tone.neutral': 'Status',
    'status.tone.info': 'Information',
    'status.tone.success': 'Success',
    'status.tone.warning': 'Warning',
    'status.tone.danger': 'Critical',
    'status.tonePrefix': '{tone}:',
    'status.since': 'Since {time}',
  },
  es: {
    'status.tone.neutral': 'Estado',
    'status.tone.info': 'Información',
    'status.tone.success': 'Correcto',
    'status.tone.warning': 'Advertencia',
    'status.tone.danger': 'Crítico',
    'status.tonePrefix': '{tone}:',
    'status.since': 'Desde {time}',
  },
});

export type StatusMessageKey = keyof typeof statusMessages.en;
