// The buurt map on the profile page: an enhancement of the buurt select, which works alone.
// Tap or press Enter on a buurt, or let the phone find its location; the select follows.
(function () {
  "use strict";
  var box = document.getElementById("buurt-map");
  var select = document.getElementById("id_buurt");
  var status = document.getElementById("buurt-status");
  if (!box || !select) return;
  var paths = box.querySelectorAll("path[data-code]");
  box.hidden = false;

  function nameOf(code) {
    var option = select.querySelector('option[value="' + code + '"]');
    return option ? option.textContent : code;
  }

  function show(code) {
    paths.forEach(function (path) {
      if (path.getAttribute("data-code") === code) path.setAttribute("aria-current", "true");
      else path.removeAttribute("aria-current");
    });
  }

  function choose(code) {
    if (!select.querySelector('option[value="' + code + '"]')) return;
    select.value = code;
    show(code);
    status.textContent = box.dataset.selected + " " + nameOf(code);
  }

  paths.forEach(function (path) {
    path.addEventListener("click", function () { choose(path.getAttribute("data-code")); });
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(path.getAttribute("data-code"));
      }
    });
  });
  select.addEventListener("change", function () { show(select.value); });

  var locate = document.getElementById("buurt-locate");
  if (!("geolocation" in navigator)) {
    locate.hidden = true;
    return;
  }
  locate.addEventListener("click", function () {
    status.textContent = box.dataset.locating;
    navigator.geolocation.getCurrentPosition(function (position) {
      var body = new FormData();
      body.append("lon", position.coords.longitude);
      body.append("lat", position.coords.latitude);
      body.append("csrfmiddlewaretoken", select.form.elements.csrfmiddlewaretoken.value);
      fetch(box.dataset.locateUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (found) {
          if (found.code) choose(found.code);
          else status.textContent = found.error || box.dataset.noLocation;
        })
        .catch(function () { status.textContent = box.dataset.noLocation; });
    }, function () {
      status.textContent = box.dataset.noLocation;
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 });
  });
})();
