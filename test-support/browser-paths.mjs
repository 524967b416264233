// Where the browsers from Debian's packages live (scripts/os-packages.mjs installs them). Imports
// nothing from node_modules: `.ci/run` reads it before `npm ci`.
export const browserPaths = {
  chromium: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
  webkitDriver: '/usr/bin/WebKitWebDriver',
  webkitBrowser: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfbRun: '/usr/bin/xvfb-run',
};
