import '@weerbaar/elements/signal-checklist/define.js';
