/**
 * Registers a custom element unless the name is already taken. A page may load Weerbaar twice
 * (the CDN bundle and an npm build, or two versions); throwing there would break the host page,
 * so the first registration wins.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
