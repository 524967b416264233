import '@weerbaar/elements/norm-banner/define.js';
