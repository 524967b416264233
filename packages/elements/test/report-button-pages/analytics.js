// Stands in for a third party's analytics script: served from another origin than the page.
window.thirdPartyScriptRan = true;
