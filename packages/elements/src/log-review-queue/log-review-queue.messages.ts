import { commonMessages } from '../base/common.messages.js';
import { dispatchMessages } from '../base/dispatch.messages.js';
import { elementMessages } from '../base/localize.js';

/** Messages of `<peer-log-review-queue>`. */
export const logReviewQueueMessages = elementMessages([commonMessages, dispatchMessages], {
  en: {
    'queue.heading': 'Call-out logs awaiting review',
    'queue.count': '{count} waiting',
    'queue.empty': 'No call-out logs are waiting for review.',
    'queue.noClient': 'Not connected to Peerlink.',
    'queue.offline': 'Offline — the queue shows what was last read and updates when the connection is back.',
    'queue.open': 'Review',
    'queue.back': 'Back to the queue',
    'queue.reviewing': 'Reviewing a call-out log',
    'queue.submitted': 'Submitted {age}',
    'queue.unknownCall': 'Call-out',
    'queue.area': 'Area',
    'queue.dispatched': 'Dispatched',
    'queue.arrived': 'Arrived',
    'queue.cleared': 'Cleared',
    'queue.role': 'Peer responded as',
    'queue.added': 'A call-out log was submitted for review. {count} waiting.',
    'queue.reviewed.approve': 'Approved. {count} waiting.',
    'queue.reviewed.return': 'Returned with comments. {count} waiting.',
    'queue.position.primary': 'Primary',
    'queue.position.backup': 'Backup',
    'queue.position.supervisor': 'Supervisor',
  },
  es: {
    'queue.heading': 'Registros de salidas pendientes de revisión',
    'queue.count': '{count} en espera',
    'queue.empty': 'No hay registros de salidas pendientes de revisión.',
    'queue.noClient': 'Sin conexión con Peerlink.',
    'queue.offline': 'Sin conexión: la lista muestra lo último leído y se actualizará cuando vuelva la conexión.',
    'queue.open': 'Revisar',
    'queue.back': 'Volver a la lista',
    'queue.reviewing': 'Revisión de un registro de salida',
    'queue.submitted': 'Enviado {age}',
    'queue.unknownCall': 'Salida',
    'queue.area': 'Zona',
    'queue.dispatched': 'Despachado',
    'queue.arrived': 'Llegada',
    'queue.cleared': 'Finalizado',
    'queue.role': 'El par respondió como',
    'queue.added': 'Se envió un registro de salida para revisión. {count} en espera.',
    'queue.reviewed.approve': 'Aprobado. {count} en espera.',
    'queue.reviewed.return': 'Devuelto con comentarios. {count} en espera.',
    'queue.position.primary': 'Principal',
    'queue.position.backup': 'Respaldo',
    'queue.position.supervisor': 'Supervisor',
  },
});

export type LogReviewQueueMessageKey = keyof typeof logReviewQueueMessages.en;
