import '@weerbaar/elements/define';
