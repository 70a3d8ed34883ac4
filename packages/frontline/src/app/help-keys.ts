import type { MessageKey } from './i18n.ts';

/** The urgent needs help can be asked for (the API's urgent kinds), the most pressing first. */
export const helpKinds: Readonly<Record<string, MessageKey>> = {
  labour: 'help.kind.labour',
  'chest-pain-stroke': 'help.kind.chest-pain-stroke',
  dialysis: 'help.kind.dialysis',
  'fever-clinic': 'help.kind.fever-clinic',
  other: 'help.kind.other',
};
