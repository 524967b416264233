import { setCustomElementsManifest } from '@storybook/web-components';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // axe runs on every story; a violation fails the story's a11y check.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
