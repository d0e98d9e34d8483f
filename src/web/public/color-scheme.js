/* global window, document */
// Applies the saved colour scheme before the app loads, so a dark-mode user never sees a white flash.
// A file rather than an inline script because the Content-Security-Policy allows scripts from 'self' only.
(function () {
  var scheme = 'light';
  try {
    var saved = window.localStorage.getItem('mantine-color-scheme-value');
    if (saved === 'light' || saved === 'dark') scheme = saved;
    else if (window.matchMedia('(prefers-color-scheme: dark)').matches) scheme = 'dark';
  } catch {
    // Storage can be blocked; the default stands.
  }
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
