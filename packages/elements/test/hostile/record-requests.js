// Keeps the browser's own record of every request this page makes (Resource Timing), however many:
// the default buffer of 250 entries would silently drop the later ones.
performance.setResourceTimingBufferSize(100000);
