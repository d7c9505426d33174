import { svg } from 'lit';
import {
  AgeBand,
  CalloutOutcome,
  InvestigatorRole,
  PersonServedRole,
  SceneType,
  SupportType,
  Transport,
} from '@peerlink/sdk';
import type { Choice } from '../base/fields/field-kit.js';
import type { LocalizeController } from '../base/localize.js';
import type { CalloutLogFormMessageKey } from './callout-log-form.messages.js';

/** The mark of the note for the lead investigators (a shield with a check). */
export const noteIcon = svg`<path d="M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6Z" /><path d="M9.5 12.5 11 14l3.5-3.5" />`;

const destinations = Transport.shape.destinationType._zod.def.innerType.options;

const choice = <O extends string>(options: readonly O[], word: (option: O) => string): Choice<O> => ({ options, word });

/** The log's choices from the contract, each option with its words in the element's language. */
export function logChoices(i18n: LocalizeController<CalloutLogFormMessageKey>) {
  return {
    investigatorRole: choice(InvestigatorRole.options, (o) => i18n.term(`common.investigatorRole.${o}`)),
    sceneType: choice(SceneType.options, (o) => i18n.term(`log.sceneType.${o}`)),
    role: choice(PersonServedRole.options, (o) => i18n.term(`log.role.${o}`)),
    ageBand: choice(AgeBand.options, (o) => i18n.term(`log.age.${o}`)),
    support: choice(SupportType.options, (o) => i18n.term(`log.support.${o}`)),
    transport: choice(Transport.shape.kind.options, (o) => i18n.term(`log.transport.${o}`)),
    destination: choice(destinations, (o) => i18n.term(`log.destination.${o}`)),
    outcome: choice(CalloutOutcome.options, (o) => i18n.term(`log.outcome.${o}`)),
  };
}
