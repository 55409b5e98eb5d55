// Applies the remembered colour theme before the page paints (loaded synchronously in <head>).
(function () {
  "use strict";
  var theme = null;
  try {
    theme = window.localStorage.getItem("theme");
  } catch (e) {
    theme = null;
  }
  if (theme !== "dark" && theme !== "light") {
    theme = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  document.documentElement.setAttribute("data-bs-theme", theme);
})();
