import { defineCustomElement as defineButton } from '@utrecht/web-component-library-stencil/dist/components/utrecht-button.js';
import { defineCustomElement as defineDrawer } from '@utrecht/web-component-library-stencil/dist/components/utrecht-drawer.js';
defineButton();
defineDrawer();
