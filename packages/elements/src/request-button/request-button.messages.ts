import { commonMessages } from '../base/common.messages.js';
import { dispatchMessages } from '../base/dispatch.messages.js';
import { defineMessages, mergeMessages } from '../base/localize.js';

/** Messages of `<peer-request-button>`. */
const own = defineMessages({
  en: {
    'requestButton.request': 'Request peer support',
    'requestButton.confirm': 'Confirm request',
    'requestButton.sending': 'Requesting…',
    'requestButton.checking': 'Checking for a call-out…',
    'requestButton.again': 'New request',
    'requestButton.onCallHeading': 'On call now',
    'requestButton.onCallLoading': 'Finding who is on call…',
    'requestButton.position.primary': 'Primary',
    'requestButton.position.backup': 'Backup',
    'requestButton.position.supervisor': 'Supervisor',
    'requestButton.unstaffed': 'Nobody',
    'requestButton.hint': 'Press again or Enter to confirm, Escape to cancel.',
    'requestButton.noIncident': 'No call for service selected',
  },
  es: {
    'requestButton.request': 'Solicitar apoyo de pares',
    'requestButton.confirm': 'Confirmar solicitud',
    'requestButton.sending': 'Solicitando…',
    'requestButton.checking': 'Buscando una intervención…',
    'requestButton.again': 'Nueva solicitud',
    'requestButton.onCallHeading': 'De guardia ahora',
    'requestButton.onCallLoading': 'Buscando quién está de guardia…',
    'requestButton.position.primary': 'Titular',
    'requestButton.position.backup': 'Suplente',
    'requestButton.position.supervisor': 'Supervisión',
    'requestButton.unstaffed': 'Nadie',
    'requestButton.hint': 'Pulsa de nuevo o Intro para confirmar, Escape para cancelar.',
    'requestButton.noIncident': 'No hay ningún llamado seleccionado',
  },
});

/** Everything `<peer-request-button>` says: its own messages and the shared ones it uses. */
export const requestButtonMessages = mergeMessages(commonMessages, dispatchMessages, own);
export type RequestButtonMessageKey = keyof typeof requestButtonMessages.en;
