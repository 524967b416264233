// Every payload of the compromised test backend calls this when it runs. Tests assert it never did.
window.tripwireCalls = [];
window.weerbaarTripwire = (label) => {
  window.tripwireCalls.push(String(label));
};
