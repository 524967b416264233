// What the compromised test backend (hostile-backend.mjs) puts into its answers, shared with the
// browser tests that check the elements against it. No Node APIs here: browsers import this file.

/** Markup and script that must stay text wherever a backend string is rendered. */
export const htmlPayloads = [
  `<img src=x onerror="weerbaarTripwire('img')">`,
  `<script>weerbaarTripwire('script')</script>`,
  `</style><script>weerbaarTripwire('style')</script>`,
  `"><svg onload="weerbaarTripwire('svg')">`,
  `'><iframe srcdoc="<script>parent.weerbaarTripwire('iframe')</script>">`,
  '${weerbaarTripwire(`template`)}',
  `" onfocus="weerbaarTripwire('attribute')" autofocus x="`,
  `{{constructor.constructor('weerbaarTripwire("mustache")')()}}`,
  `<!--?lit$0$--><a href="javascript:weerbaarTripwire('lit-marker')">lit</a>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="weerbaarTripwire('mxss')">`,
];

/** URLs no element may turn into an active link (or open). */
export const hostileUrls = [
  `javascript:weerbaarTripwire('javascript-url')`,
  ` JaVa\tScRiPt:weerbaarTripwire('mixed-case-url')`,
  `data:text/html,<script>weerbaarTripwire('data-url')</script>`,
  `vbscript:weerbaarTripwire('vbscript-url')`,
];

/** Links the hostile answers also contain, which must stay links. */
export const safeLinks = {
  https: 'https://hulp.voorbeeldstad.example/contact',
  tel: 'tel:0701234567',
  mailto: 'mailto:hulp@voorbeeldstad.example',
};

export const payloadText = htmlPayloads.join(' ');

/** The ways hostile-backend.mjs breaks an answer's schema (see `breakers` there). */
export const breakerNames = ['null-body', 'array-body', 'html-body', 'truncated-json', 'missing-fields', 'wrong-types', 'lit-template', 'arrays-as-objects', 'deep-nesting'];
