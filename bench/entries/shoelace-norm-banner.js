import '@shoelace-style/shoelace/dist/components/alert/alert.js';
