// The dilemma editors' page, a chunk of its own: people who do not edit dilemmas never load it.
export { DilemmasPage } from './dilemmas-page.js';
export { dilemmasView } from './dilemmas-view.js';
