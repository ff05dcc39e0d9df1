// The map on the signal form: an enhancement of the buurt select and the place description,
// which work alone. Tap the spot (its point is sent with the buurt), press Enter on a buurt,
// or let the phone find its location.
(function () {
  "use strict";
  var box = document.getElementById("concern-map");
  var svg = document.getElementById("concern-svg");
  var marker = document.getElementById("concern-marker");
  var select = document.getElementById("id_buurt");
  var lon = document.getElementById("id_lon");
  var lat = document.getElementById("id_lat");
  var status = document.getElementById("concern-status");
  if (!box || !svg || !select || !lon || !lat) return;
  var p = {
    lon0: parseFloat(box.dataset.lon0), lat0: parseFloat(box.dataset.lat0),
    kx: parseFloat(box.dataset.kx), ky: parseFloat(box.dataset.ky)
  };
  var paths = svg.querySelectorAll("path[data-code]");
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

  function place(x, y) {
    marker.setAttribute("cx", x);
    marker.setAttribute("cy", y);
  }

  function clearPoint() {
    lon.value = "";
    lat.value = "";
    place(-100, -100);
  }

  function setPoint(lo, la) {
    lon.value = lo.toFixed(6);
    lat.value = la.toFixed(6);
    place((lo - p.lon0) * p.kx, (p.lat0 - la) * p.ky);
  }

  function choose(code) {
    if (!select.querySelector('option[value="' + code + '"]')) return false;
    select.value = code;
    show(code);
    status.textContent = box.dataset.chosen + " " + nameOf(code);
    return true;
  }

  if (lon.value && lat.value) setPoint(parseFloat(lon.value), parseFloat(lat.value));

  svg.addEventListener("click", function (event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return;
    var point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    var path = event.target.closest ? event.target.closest("path[data-code]") : null;
    if (!path) {
      clearPoint();
      status.textContent = box.dataset.outside;
      return;
    }
    setPoint(p.lon0 + point.x / p.kx, p.lat0 - point.y / p.ky);
    choose(path.getAttribute("data-code"));
  });
  paths.forEach(function (path) {
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        clearPoint();
        choose(path.getAttribute("data-code"));
      }
    });
  });
  select.addEventListener("change", function () {
    clearPoint();
    show(select.value);
  });

  var locate = document.getElementById("concern-locate");
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
          if (found.code && choose(found.code)) {
            setPoint(position.coords.longitude, position.coords.latitude);
          } else {
            clearPoint();
            status.textContent = found.error || box.dataset.noLocation;
          }
        })
        .catch(function () { status.textContent = box.dataset.noLocation; });
    }, function () {
      status.textContent = box.dataset.noLocation;
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
})();
