import type { StringTables } from '../base/strings.js';

export type NormBannerStringKey = 'hide' | 'hideLabel' | 'urgent';

export const normBannerStrings: StringTables<NormBannerStringKey> = {
  nl: {
    hide: 'Verbergen',
    hideLabel: 'Verbergen: {title}',
    urgent: 'Dringend',
  },
  en: {
    hide: 'Hide',
    hideLabel: 'Hide: {title}',
    urgent: 'Urgent',
  },
};
