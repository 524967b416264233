// Lit alone, what every element imports from it: the floor under each element's weight.
export { LitElement, css, html, nothing } from 'lit';
