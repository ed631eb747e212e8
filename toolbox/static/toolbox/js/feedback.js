// Sends the "Var dette værktøj nyttigt?" form without leaving the page.
// Without JavaScript the form posts and the server redirects back.
(function () {
  "use strict";
  document.querySelectorAll("[data-feedback]").forEach(function (section) {
    var form = section.querySelector("[data-feedback-form]");
    var status = section.querySelector("[data-feedback-status]");
    if (!form || !status || !window.fetch) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, message: data.message };
          });
        })
        .then(function (result) {
          var note = document.createElement("p");
          note.textContent = result.message;
          status.replaceChildren(note);
          if (result.ok) {
            form.hidden = true;
          } else {
            button.disabled = false;
          }
        })
        .catch(function () {
          // Fall back to an ordinary post.
          form.submit();
        });
    });
  });
})();
