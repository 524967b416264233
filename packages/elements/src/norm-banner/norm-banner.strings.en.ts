import type { NormBannerStringKey } from './norm-banner.strings.js';

// The English table: loaded only where an element's language is English (see the elements README,
// "How languages load"); the Dutch one, the default, is in `norm-banner.strings.ts`.
const en: Record<NormBannerStringKey, string> = {
  hide: 'Hide',
  hideLabel: 'Hide: {title}',
  urgent: 'Urgent',
};

export default en;
