import { commonMessages } from '../base/common.messages.js';
import { defineMessages, mergeMessages } from '../base/localize.js';

/** Messages of `<peer-program-report>`, with the shared error and loading messages. */
export const programReportMessages = mergeMessages(
  commonMessages,
  defineMessages({
    en: {
      'report.filters': 'Report range and filters',
      'report.from': 'From',
      'report.to': 'To',
      'report.period': 'By',
      'report.period.week': 'Week',
      'report.period.month': 'Month',
      'report.area': 'Area',
      'report.area.all': 'All areas',
      'report.callType': 'Call type',
      'report.callType.all': 'All call types',
      'report.callType.overdose-fatal': 'Fatal overdose',
      'report.callType.overdose-nonfatal': 'Non-fatal overdose',
      'report.callType.behavioral-health-crisis': 'Behavioral-health crisis',
      'report.callType.substance-use-crisis': 'Substance-use crisis',
      'report.callType.welfare-check': 'Welfare check',
      'report.callType.other': 'Other',
      'report.agency': 'Requesting agency',
      'report.agency.all': 'All agencies',
      'report.download': 'Download CSV',
      'report.downloading': 'Preparing CSV…',
      'report.range': '{from} to {to}, by {period}',
      'report.empty': 'No call-outs or referrals in this range.',
      'report.smallCells': 'Counts from 1 to 10 read "<11" (a dashed box in the charts) to protect the people served.',
      'report.withheld':
        'A figure marked "*" is hidden so that a count read "<11" cannot be worked out from the totals; it may be of any size.',
      'report.withheldCell': 'hidden to protect a small count',
      'report.noValue': 'no data',
      'report.minutes': '{minutes} min',
      'report.table': 'Table: {title}',
      'report.table.period': 'Period',
      'report.table.measure': 'Measure',
      'report.table.value': 'Value',

      'report.volume.title': 'Call-outs over time',
      'report.volume.summary':
        '{requested} call-outs were requested; {answered} were answered, {cancelled} cancelled and {unanswered} went unanswered.',
      'report.measure.requested': 'Requested',
      'report.measure.answered': 'Answered',
      'report.measure.cancelled': 'Cancelled',
      'report.measure.unanswered': 'Unanswered',
      'report.measure.escalated': 'Escalated',
      'report.measure.servicesDeclined': 'Services declined',

      'report.times.title': 'Time to acknowledge and to arrive',
      'report.times.summary':
        '{ackWithin} of call-outs were acknowledged within 30 minutes (median {ackMedian}) and {arriveWithin} had a peer on scene within 30 minutes (median {arriveMedian}).',
      'report.times.reference': '30 minutes',
      'report.series.ackMedian': 'Acknowledged, median',
      'report.series.ackP90': 'Acknowledged, 90th percentile',
      'report.series.arriveMedian': 'On scene, median',
      'report.series.arriveP90': 'On scene, 90th percentile',
      'report.within.title': 'Share within 5, 15 and 30 minutes',
      'report.within': '{stage} within {minutes} min',
      'report.stage.acknowledged': 'Acknowledged',
      'report.stage.onScene': 'On scene',

      'report.outcomes.title': 'Outcomes',
      'report.outcomes.summary':
        'Of {requested} call-outs, {escalated} escalated before a peer answered, and at {declined} the people met declined services.',

      'report.referrals.title': 'Referral funnel',
      'report.referrals.summary':
        '{made} referrals were made; {accepted} were accepted and {closed} reached a final status (closed loop).',
      'report.funnel.made': 'Made',
      'report.funnel.accepted': 'Accepted',
      'report.funnel.closed': 'Closed loop',
      'report.funnel.revoked': 'Consent revoked (any stage)',
      'report.funnel.stage': 'Stage',
      'report.funnel.count': 'Referrals',
      'report.funnel.share': 'Share of made',

      'report.workload.title': 'Workload per peer (call-outs · share after hours)',
      'report.workload.summary': '{peers} peers acknowledged call-outs; the busiest {top}, {afterHours} after hours.',
      'report.workload.peer': 'Peer {rank}',
      'report.workload.peerColumn': 'Peer',
      'report.workload.callouts': 'Call-outs',
      'report.workload.afterHours': 'After hours',

      'report.credentials.title': 'Credentials expiring',
      'report.credentials.summary': '{d30} credentials expire within 30 days, {d60} within 60 and {d90} within 90.',
      'report.credentials.within': 'Within {days} days',
    },
    es: {
      'report.filters': 'Periodo y filtros del informe',
      'report.from': 'Desde',
      'report.to': 'Hasta',
      'report.period': 'Por',
      'report.period.week': 'Semana',
      'report.period.month': 'Mes',
      'report.area': 'Zona',
      'report.area.all': 'Todas las zonas',
      'report.callType': 'Tipo de llamada',
      'report.callType.all': 'Todos los tipos',
      'report.callType.overdose-fatal': 'Sobredosis mortal',
      'report.callType.overdose-nonfatal': 'Sobredosis no mortal',
      'report.callType.behavioral-health-crisis': 'Crisis de salud mental',
      'report.callType.substance-use-crisis': 'Crisis por consumo de sustancias',
      'report.callType.welfare-check': 'Comprobación de bienestar',
      'report.callType.other': 'Otro',
      'report.agency': 'Agencia solicitante',
      'report.agency.all': 'Todas las agencias',
      'report.download': 'Descargar CSV',
      'report.downloading': 'Preparando el CSV…',
      'report.range': 'Del {from} al {to}, por {period}',
      'report.empty': 'No hay salidas ni derivaciones en este periodo.',
      'report.smallCells':
        'Los recuentos de 1 a 10 se muestran como «<11» (un recuadro discontinuo en los gráficos) para proteger a las personas atendidas.',
      'report.withheld':
        'Una cifra marcada con «*» se oculta para que un recuento mostrado como «<11» no pueda deducirse de los totales; puede ser de cualquier tamaño.',
      'report.withheldCell': 'oculto para proteger un recuento pequeño',
      'report.noValue': 'sin datos',
      'report.minutes': '{minutes} min',
      'report.table': 'Tabla: {title}',
      'report.table.period': 'Periodo',
      'report.table.measure': 'Medida',
      'report.table.value': 'Valor',

      'report.volume.title': 'Salidas a lo largo del tiempo',
      'report.volume.summary':
        'Se solicitaron {requested} salidas; {answered} fueron atendidas, {cancelled} canceladas y {unanswered} quedaron sin respuesta.',
      'report.measure.requested': 'Solicitadas',
      'report.measure.answered': 'Atendidas',
      'report.measure.cancelled': 'Canceladas',
      'report.measure.unanswered': 'Sin respuesta',
      'report.measure.escalated': 'Escaladas',
      'report.measure.servicesDeclined': 'Servicios rechazados',

      'report.times.title': 'Tiempo hasta la confirmación y la llegada',
      'report.times.summary':
        'El {ackWithin} de las salidas se confirmó en 30 minutos (mediana {ackMedian}) y en el {arriveWithin} un par llegó al lugar en 30 minutos (mediana {arriveMedian}).',
      'report.times.reference': '30 minutos',
      'report.series.ackMedian': 'Confirmación, mediana',
      'report.series.ackP90': 'Confirmación, percentil 90',
      'report.series.arriveMedian': 'En el lugar, mediana',
      'report.series.arriveP90': 'En el lugar, percentil 90',
      'report.within.title': 'Proporción en 5, 15 y 30 minutos',
      'report.within': '{stage} en {minutes} min',
      'report.stage.acknowledged': 'Confirmadas',
      'report.stage.onScene': 'En el lugar',

      'report.outcomes.title': 'Resultados',
      'report.outcomes.summary':
        'De {requested} salidas, {escalated} se escalaron antes de que un par respondiera y en {declined} las personas atendidas rechazaron los servicios.',

      'report.referrals.title': 'Embudo de derivaciones',
      'report.referrals.summary':
        'Se hicieron {made} derivaciones; se aceptó el {accepted} y el {closed} llegó a un estado final (ciclo cerrado).',
      'report.funnel.made': 'Hechas',
      'report.funnel.accepted': 'Aceptadas',
      'report.funnel.closed': 'Ciclo cerrado',
      'report.funnel.revoked': 'Revocadas (cualquier etapa)',
      'report.funnel.stage': 'Etapa',
      'report.funnel.count': 'Derivaciones',
      'report.funnel.share': 'Proporción de hechas',

      'report.workload.title': 'Carga de trabajo por par (salidas · fuera de horario)',
      'report.workload.summary':
        '{peers} pares confirmaron salidas; quien más, {top}, el {afterHours} fuera de horario.',
      'report.workload.peer': 'Par {rank}',
      'report.workload.peerColumn': 'Par',
      'report.workload.callouts': 'Salidas',
      'report.workload.afterHours': 'Fuera de horario',

      'report.credentials.title': 'Credenciales que vencen',
      'report.credentials.summary': '{d30} credenciales vencen en 30 días, {d60} en 60 y {d90} en 90.',
      'report.credentials.within': 'En {days} días',
    },
  }),
);

export type ProgramReportMessageKey = keyof typeof programReportMessages.en;
