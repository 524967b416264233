import { defineCustomElement as defineFormFieldCheckbox } from '@utrecht/web-component-library-stencil/dist/components/utrecht-form-field-checkbox.js';
import { defineCustomElement as defineCheckbox } from '@utrecht/web-component-library-stencil/dist/components/utrecht-checkbox.js';
import { defineCustomElement as defineButton } from '@utrecht/web-component-library-stencil/dist/components/utrecht-button.js';
defineFormFieldCheckbox();
defineCheckbox();
defineButton();
