import type { PeerMessages } from './en.js';

/** Spanish messages. */
export const es: PeerMessages = {
  'status.tone.neutral': 'Estado',
  'status.tone.info': 'Información',
  'status.tone.success': 'Correcto',
  'status.tone.warning': 'Advertencia',
  'status.tone.danger': 'Crítico',
  'status.tonePrefix': '{tone}:',
  'status.since': 'Desde {time}',
  'form.valueMissing': 'Este campo es obligatorio.',
  'form.invalid': 'Introduce un valor válido.',
};
