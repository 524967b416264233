// Printing one thing alone (the report dialog's receipt, the console's case record), not the host page around it.
const hidden = 'data-weerbaar-print-hidden';
let printSheet: CSSStyleSheet | undefined;

/**
 * Leaves everything beside the path from the page's `<html>` to `element` out of print (across the
 * shadow roots on the way), so that printing shows only the dialog. The page's DOM is otherwise
 * untouched: one attribute on the siblings of the path and one constructed stylesheet (allowed
 * under a strict CSP) in each root on it. Returns what undoes it.
 */
export function printAlone(element: Element): () => void {
  if (!printSheet) {
    printSheet = new CSSStyleSheet();
    printSheet.replaceSync(`@media print { [${hidden}] { display: none !important; } }`);
  }
  const sheet = printSheet;
  const marked: Element[] = [];
  const roots: (Document | ShadowRoot)[] = [];
  for (let node: Element | null = element; node; ) {
    const root = node.getRootNode() as Document | ShadowRoot;
    for (const sibling of (node.parentElement ?? root).children) {
      if (sibling === node || sibling.hasAttribute(hidden)) continue;
      sibling.setAttribute(hidden, '');
      marked.push(sibling);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      roots.push(root);
    }
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return () => {
    for (const sibling of marked) sibling.removeAttribute(hidden);
    for (const root of roots) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}
