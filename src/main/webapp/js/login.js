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
  var password = document.getElementById("password");
  toggle.addEventListener("change", function () {
    password.type = toggle.checked ? "text" : "password";
  });
})();
