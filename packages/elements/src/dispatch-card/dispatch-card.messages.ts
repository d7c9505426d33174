import { commonMessages } from '../base/common.messages.js';
import { dispatchMessages } from '../base/dispatch.messages.js';
import { defineMessages, mergeMessages } from '../base/localize.js';

/** Messages of `<peer-dispatch-card>`. */
const own = defineMessages({
  en: {
    'dispatchCard.requested': 'Requested {time}',
    'dispatchCard.newWindow': '(opens in a new window)',
    'dispatchCard.cautions': 'Cautions',
    'dispatchCard.notes': 'Notes:',
    'dispatchCard.actions': 'Next step',
    'dispatchCard.noActions': 'No further steps for you on this call-out.',
    'dispatchCard.action.acknowledged': 'Acknowledge',
    'dispatchCard.action.declined': 'Decline',
    'dispatchCard.action.escalated': 'Escalate',
    'dispatchCard.action.notified': 'Notify',
    'dispatchCard.action.en-route': 'En route',
    'dispatchCard.action.on-scene': 'On scene',
    'dispatchCard.action.checked-in': 'Checked in',
    'dispatchCard.action.engaged': 'Engaged',
    'dispatchCard.action.cleared': 'Cleared',
    'dispatchCard.action.requested': 'Request',
    'dispatchCard.action.cancelled': 'Cancel call-out',
    'dispatchCard.checkIn.legend': 'Lead investigator you checked in with',
    'dispatchCard.checkIn.name': 'Name',
    'dispatchCard.checkIn.role': 'Role',
    'dispatchCard.checkIn.agency': 'Agency',
    'dispatchCard.checkIn.submit': 'Check in',
    'dispatchCard.conflict': 'This call-out changed elsewhere; showing the latest.',
    'dispatchCard.noDispatch': 'No call-out selected',
  },
  es: {
    'dispatchCard.requested': 'Solicitado {time}',
    'dispatchCard.newWindow': '(se abre en una ventana nueva)',
    'dispatchCard.cautions': 'Precauciones',
    'dispatchCard.notes': 'Notas:',
    'dispatchCard.actions': 'Siguiente paso',
    'dispatchCard.noActions': 'No quedan pasos para ti en esta intervención.',
    'dispatchCard.action.acknowledged': 'Confirmar',
    'dispatchCard.action.declined': 'Rechazar',
    'dispatchCard.action.escalated': 'Escalar',
    'dispatchCard.action.notified': 'Notificar',
    'dispatchCard.action.en-route': 'En camino',
    'dispatchCard.action.on-scene': 'En el lugar',
    'dispatchCard.action.checked-in': 'Presentado',
    'dispatchCard.action.engaged': 'Atendiendo',
    'dispatchCard.action.cleared': 'Finalizar',
    'dispatchCard.action.requested': 'Solicitar',
    'dispatchCard.action.cancelled': 'Cancelar intervención',
    'dispatchCard.checkIn.legend': 'Investigador a cargo ante quien te presentaste',
    'dispatchCard.checkIn.name': 'Nombre',
    'dispatchCard.checkIn.role': 'Función',
    'dispatchCard.checkIn.agency': 'Organismo',
    'dispatchCard.checkIn.submit': 'Presentarse',
    'dispatchCard.conflict': 'Esta intervención cambió en otro lugar; se muestra la versión más reciente.',
    'dispatchCard.noDispatch': 'No hay ninguna intervención seleccionada',
  },
});

/** Everything `<peer-dispatch-card>` says: its own messages and the shared ones it uses. */
export const dispatchCardMessages = mergeMessages(commonMessages, dispatchMessages, own);
export type DispatchCardMessageKey = keyof typeof dispatchCardMessages.en;
