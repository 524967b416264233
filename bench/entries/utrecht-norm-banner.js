import { defineCustomElement as defineAlert } from '@utrecht/web-component-library-stencil/dist/components/utrecht-alert.js';
import { defineCustomElement as defineButton } from '@utrecht/web-component-library-stencil/dist/components/utrecht-button.js';
defineAlert();
defineButton();
