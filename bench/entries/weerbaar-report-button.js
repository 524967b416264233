import '@weerbaar/elements/report-button/define.js';
