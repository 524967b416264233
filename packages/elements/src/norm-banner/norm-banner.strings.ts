import type { LocalizedStrings } from '../base/strings.js';

export type NormBannerStringKey = 'hide' | 'hideLabel' | 'urgent';

export const normBannerStrings: LocalizedStrings<NormBannerStringKey> = {
  nl: {
    hide: 'Verbergen',
    hideLabel: 'Verbergen: {title}',
    urgent: 'Dringend',
  },
  en: () => import('./norm-banner.strings.en.js'),
};
