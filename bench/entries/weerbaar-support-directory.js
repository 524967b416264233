import '@weerbaar/elements/support-directory/define.js';
