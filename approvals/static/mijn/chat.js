// The chat of /mijn/ without reloading the page: messages are sent with fetch and the
// conversation is fetched again every few seconds, so a person's answer appears by itself.
// The page works the same without this script (plain forms and a refresh link).
(function () {
  "use strict";
  var region = document.getElementById("chat-region");
  if (!region || !window.fetch || !window.DOMParser) return;
  var base = region.getAttribute("data-base");
  var errorBox = document.getElementById("chat-error");
  var forms = document.getElementById("chat-forms");
  var busy = false;

  function apply(html, status) {
    var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
    ["who-answers", "proposal-slot"].forEach(function (id) {
      var fresh = doc.getElementById(id);
      var here = document.getElementById(id);
      if (fresh && here && fresh.innerHTML !== here.innerHTML) here.innerHTML = fresh.innerHTML;
    });
    // Only new messages are added to the log, so a screen reader announces just those.
    var log = document.getElementById("chat-log");
    var shown = log.querySelectorAll("li").length;
    var items = doc.querySelectorAll("#chat-log > li");
    for (var i = shown; i < items.length; i++) log.appendChild(document.importNode(items[i], true));
    if (status) region.setAttribute("data-status", status);
    if (status === "closed" && forms) forms.hidden = true;
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function refresh() {
    if (busy || document.hidden || region.getAttribute("data-status") === "closed") return;
    fetch(base + "/deel", { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) {
        if (!r.ok) return;
        var status = r.headers.get("X-Conversation-Status");
        return r.text().then(function (html) { apply(html, status); });
      })
      .catch(function () {});
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.js-chat"), function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      if (!String(data.get("text") || "").trim()) return;
      var button = form.querySelector("button[type=submit]");
      var label = button.textContent;
      busy = true;
      button.disabled = true;
      if (button.getAttribute("data-busy")) button.textContent = button.getAttribute("data-busy");
      showError("");
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      })
        .then(function (r) {
          return r.text().then(function (text) {
            if (!r.ok) { showError(text); return; }
            apply(text, r.headers.get("X-Conversation-Status"));
            var box = form.querySelector("textarea");
            if (box) { box.value = ""; box.focus(); }
          });
        })
        .catch(function () { showError(document.documentElement.lang === "en" ? "Sending did not work." : "Versturen lukte niet."); })
        .then(function () {
          busy = false;
          button.disabled = false;
          button.textContent = label;
        });
    });
  });
  window.setInterval(refresh, 3000);
})();
