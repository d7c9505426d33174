import { defineMessages } from './localize.js';

/** Messages every element uses: errors, form validity, shared actions. */
export const commonMessages = defineMessages({
  en: {
    'form.valueMissing': 'This field is required.',
    'form.invalid': 'Enter a valid value.',
    'common.queued': 'Queued — sends when online',
    'common.retry': 'Retry',
    'common.cancel': 'Cancel',
    'common.loading': 'Loading…',
    'common.error.network': 'Peerlink could not be reached.',
    'common.error.auth': 'Not allowed. Sign in again or ask an administrator.',
    'common.error.notFound': 'Not found, or not yours to see.',
    'common.error.conflict': 'Someone else changed this first.',
    'common.error.validation': 'Some details are missing or invalid.',
    'common.error.unknown': 'Something went wrong.',
  },
  es: {
    'form.valueMissing': 'Este campo es obligatorio.',
    'form.invalid': 'Introduce un valor válido.',
    'common.queued': 'En cola: se enviará al recuperar la conexión',
    'common.retry': 'Reintentar',
    'common.cancel': 'Cancelar',
    'common.loading': 'Cargando…',
    'common.error.network': 'No se pudo conectar con Peerlink.',
    'common.error.auth': 'No permitido. Vuelve a iniciar sesión o consulta a un administrador.',
    'common.error.notFound': 'No se encontró, o no tienes acceso.',
    'common.error.conflict': 'Otra persona lo cambió primero.',
    'common.error.validation': 'Faltan datos o no son válidos.',
    'common.error.unknown': 'Algo salió mal.',
  },
});

export type CommonMessageKey = keyof typeof commonMessages.en;
