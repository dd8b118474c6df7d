// Runs before the page is drawn (a classic script in <head>), so a learner on dark mode never sees
// a flash of the light theme. js/theme.js keeps the same rule and wires the toggle.
(function () {
  var chosen = null;
  try {
    chosen = localStorage.getItem('learnlytics.theme');
  } catch (e) {
    // no storage: follow the system
  }
  var dark = chosen ? chosen === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
