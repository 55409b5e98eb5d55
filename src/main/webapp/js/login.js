// The login page's only script (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var message = document.getElementById("message");
  if (params.has("failed")) {
    message.textContent = "Wrong password.";
    message.hidden = false;
  }
  var toggle = document.getElementById("show-password");
  var label = document.getElementById("show-password-label");
  var password = document.getElementById("password");
  toggle.addEventListener("click", function () {
    var show = password.type === "password";
    password.type = show ? "text" : "password";
    toggle.setAttribute("aria-pressed", show ? "true" : "false");
    toggle.title = show ? "Hide password" : "Show password";
    label.textContent = show ? "Hide password" : "Show password";
    password.focus();
  });
})();
