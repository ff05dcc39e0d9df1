/* "Turn on notifications": asks permission only on click, registers the answering app's
   service worker, subscribes with the VAPID public key and posts the subscription. */
(function () {
  "use strict";
  var box = document.querySelector("[data-bp-push]");
  if (!box || !("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    return;
  }
  var button = box.querySelector("[data-bp-push-button]");
  var status = box.querySelector("[data-bp-push-status]");
  box.hidden = false;

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function say(name) { status.textContent = box.getAttribute("data-msg-" + name); }

  button.addEventListener("click", function () {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") { say("denied"); return null; }
      return navigator.serviceWorker.register(box.dataset.worker)
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function (registration) {
          return registration.pushManager.getSubscription().then(function (existing) {
            return existing || registration.pushManager.subscribe({
              userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key)
            });
          });
        })
        .then(function (subscription) {
          var body = subscription.toJSON();
          if (box.dataset.token) { body.token = box.dataset.token; }
          return fetch(box.dataset.url, {
            method: "POST", credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
            body: JSON.stringify(body)
          });
        })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          say("on");
          button.hidden = true;
        });
    }).catch(function () { say("error"); }).then(function () { button.disabled = false; });
  });
})();
