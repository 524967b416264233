// The CDN's `dilemma-cards.js`: the dilemma cards, registered when the page needs them
// (base/define-when-needed.ts). `define.ts` registers them at once (the npm entry).
import { defineWhenNeeded } from '../base/define-when-needed.js';
import { DilemmaCards } from './dilemma-cards.js';

defineWhenNeeded({ 'weerbaar-dilemma-cards': DilemmaCards });
