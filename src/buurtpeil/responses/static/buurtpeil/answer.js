/* The answering page: one group per screen, conditions followed live (the same rules as
   polls/definition.py's condition_holds), and every save put in an outbox in localStorage
   with its idempotency key, sent in order and retried until the server has it. Without this
   script the page works as a form per group (?step=N). */
(function () {
  "use strict";
  var form = document.getElementById("bp-answer");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) return;
  var d = form.dataset;
  var steps = [].slice.call(form.querySelectorAll(".bp-step"));
  var questions = [].slice.call(form.querySelectorAll(".bp-question"));
  var summary = document.getElementById("bp-errors");
  var summaryList = document.getElementById("bp-errors-list");
  var progress = document.getElementById("bp-progress");
  var progressText = document.getElementById("bp-progress-text");
  var status = document.getElementById("bp-status");
  var outboxKey = "bp-outbox:" + location.pathname;
  var current = Number(d.step) || 1;
  var shownSteps = steps;
  var sending = false, waiting = false, delay = 2000, timer = null;

  questions.forEach(function (q) {
    q.condition = q.dataset.condition ? JSON.parse(q.dataset.condition) : null;
  });

  function byCode(code) { return form.querySelector('.bp-question[data-code="' + code + '"]'); }
  function stepOf(number) { return document.getElementById("step-" + number); }
  function say(text) { status.textContent = text || ""; }

  function isEmpty(v) {
    return v === null || v === undefined || v === "" ||
      (typeof v === "object" && Object.keys(v).length === 0);
  }

  // --- reading and filling answers -------------------------------------------------------
  function valueOf(q) {
    var code = q.dataset.code, type = q.dataset.type, v, el;
    if (type === "multiple") {
      return [].map.call(q.querySelectorAll("input:checked"), function (i) { return i.value; });
    }
    if (type === "grid") {
      v = {};
      [].forEach.call(q.querySelectorAll("input:checked"), function (i) { v[i.name.slice(code.length + 2)] = i.value; });
      return Object.keys(v).length ? v : null;
    }
    if (type === "point") {
      var lon = form.elements[code + "__lon"], lat = form.elements[code + "__lat"];
      if (lon && lon.value && lat.value) return { lon: Number(lon.value), lat: Number(lat.value) };
      el = q.querySelector("select");
      v = el && el.selectedOptions[0];
      return v && v.value ? { lon: Number(v.dataset.lon), lat: Number(v.dataset.lat) } : null;
    }
    if (type === "single" || type === "likert" || type === "mark") {
      el = q.querySelector("input:checked");
      return el ? (type === "mark" ? Number(el.value) : el.value) : null;
    }
    el = q.querySelector("input, textarea");
    v = el.value.trim();
    if (!v) return null;
    if (type === "number") return isNaN(Number(v.replace(",", "."))) ? v : Number(v.replace(",", "."));
    return v;
  }

  function fill(q, v) {
    var type = q.dataset.type, code = q.dataset.code;
    if (type === "point") {
      if (v && v.lon !== undefined) setPoint(q, v.lon, v.lat);
      return;
    }
    if (type === "number" || type === "text") {
      q.querySelector("input, textarea").value = isEmpty(v) ? "" : v;
      return;
    }
    [].forEach.call(q.querySelectorAll("input"), function (i) {
      if (type === "multiple") i.checked = Array.isArray(v) && v.indexOf(i.value) >= 0;
      else if (type === "grid") i.checked = !!v && v[i.name.slice(code.length + 2)] === i.value;
      else i.checked = !isEmpty(v) && String(v) === i.value;
    });
  }

  // --- conditions (mirror of condition_holds) --------------------------------------------
  function num(v) {
    if (v === null || v === undefined || String(v).trim() === "") return null;
    var n = Number(v);
    return isFinite(n) ? n : null;
  }

  function clause(c, answers) {
    var a = answers[c.question], op = c.op, e = c.value, l, r;
    if (op === "answered") return !isEmpty(a);
    if (isEmpty(a)) return op === "ne";
    if (op === "eq") return String(a) === String(e);
    if (op === "ne") return String(a) !== String(e);
    if (op === "in") return (e || []).map(String).indexOf(String(a)) >= 0;
    if (op === "selected") return (Array.isArray(a) ? a : [a]).map(String).indexOf(String(e)) >= 0;
    l = num(a); r = num(e);
    if (l === null || r === null) return false;
    return { gt: l > r, ge: l >= r, lt: l < r, le: l <= r }[op] || false;
  }

  function holds(c, answers) {
    if (!c) return true;
    var mode = "all" in c ? "all" : ("any" in c ? "any" : "all");
    var list = c.all || c.any || [c];
    var results = list.map(function (one) { return clause(one, answers); });
    return mode === "any" ? results.some(Boolean) : results.every(Boolean);
  }

  function refresh() {
    var shown = {};
    questions.forEach(function (q) {
      var visible = holds(q.condition, shown);
      q.hidden = !visible;
      if (visible) {
        var v = valueOf(q);
        if (!isEmpty(v)) shown[q.dataset.code] = v;
      }
    });
    shownSteps = steps.filter(function (s) { return s.querySelector(".bp-question:not([hidden])"); });
    steps.forEach(function (s) {
      var i = shownSteps.indexOf(s), last = i === shownSteps.length - 1;
      s.querySelector("[data-next]").hidden = last;
      s.querySelector("[data-send]").hidden = !last;
      s.querySelector("[data-back]").hidden = i <= 0;
    });
    var position = shownSteps.indexOf(stepOf(current)) + 1;
    progress.max = shownSteps.length;
    progress.value = position;
    progressText.textContent = d.msgStep.replace("{n}", position).replace("{total}", shownSteps.length);
    return shown;
  }

  function show(number, focus) {
    current = number;
    steps.forEach(function (s) { s.hidden = Number(s.dataset.step) !== number; });
    refresh();
    if (focus) {
      var step = stepOf(number), target = step.querySelector("h2") || step;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
      window.scrollTo(0, 0);
    }
  }

  function move(direction) {
    var i = shownSteps.indexOf(stepOf(current)) + direction;
    if (i >= 0 && i < shownSteps.length) show(Number(shownSteps[i].dataset.step), true);
  }

  // --- errors ------------------------------------------------------------------------------
  function validate(step) {
    var errors = {};
    [].forEach.call(step.querySelectorAll(".bp-question:not([hidden])"), function (q) {
      var v = valueOf(q), input = q.querySelector("input.bp-number");
      if (input && input.validity.badInput) errors[q.dataset.code] = d.errNumber;
      else if (input && v !== null && input.min !== "" && v < Number(input.min)) errors[q.dataset.code] = d.errLow;
      else if (input && v !== null && input.max !== "" && v > Number(input.max)) errors[q.dataset.code] = d.errHigh;
      else if (q.hasAttribute("data-required") && (isEmpty(v) ||
               (q.dataset.type === "grid" && Object.keys(v).length < q.querySelectorAll(".bp-grid-row").length))) {
        errors[q.dataset.code] = d.errRequired;
      }
    });
    return errors;
  }

  function showErrors(errors) {
    var first = null;
    summaryList.textContent = "";
    questions.forEach(function (q) {
      var code = q.dataset.code, message = errors[code], box = q.querySelector("#e-" + code);
      var described = q.querySelector("fieldset, input.bp-number, textarea");
      var help = q.querySelector("#h-" + code);
      box.textContent = message || "";
      box.hidden = !message;
      var ids = (help ? ["h-" + code] : []).concat(message ? ["e-" + code] : []);
      if (ids.length) described.setAttribute("aria-describedby", ids.join(" "));
      else described.removeAttribute("aria-describedby");
      [].forEach.call(q.querySelectorAll("input:not([type=hidden]), textarea, select"), function (input) {
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
      if (!message) return;
      first = first || q;
      var item = document.createElement("li"), link = document.createElement("a");
      item.className = "utrecht-unordered-list__item";
      link.className = "utrecht-link";
      link.href = "#" + q.dataset.anchor;
      link.textContent = q.querySelector("legend, label").textContent + ": " + message;
      item.appendChild(link);
      summaryList.appendChild(item);
    });
    summary.hidden = !first;
    if (first) {
      var step = first.closest(".bp-step");
      if (Number(step.dataset.step) !== current) show(Number(step.dataset.step), false);
      summary.focus();
    }
    return !!first;
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    var target = link && document.getElementById(link.hash.slice(1));
    if (target) { event.preventDefault(); target.focus(); }
  });

  // --- the outbox ----------------------------------------------------------------------------
  function outbox() {
    try { return JSON.parse(localStorage.getItem(outboxKey)) || []; } catch (e) { return []; }
  }
  function outboxSet(items) {
    if (items.length) localStorage.setItem(outboxKey, JSON.stringify(items));
    else localStorage.removeItem(outboxKey);
  }
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return [].map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  function queued() {
    waiting = true;
    say(d.msgQueued);
  }
  function retry() {
    clearTimeout(timer);
    timer = setTimeout(function () { timer = null; flush(); }, delay);
    delay = Math.min(delay * 2, 60000);
  }

  function flush() {
    var items = outbox();
    if (sending || !items.length) return;
    var item = items[0];
    sending = true;
    fetch(d.saveUrl, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(item)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (result) {
      sending = false;
      if (result.status >= 500 || result.status === 429 || result.status === 408) { queued(); retry(); return; }
      outboxSet(outbox().filter(function (other) { return other.key !== item.key; }));
      delay = 2000;
      if (result.body.status === "complete" || result.body.refused === "answered") {
        location.replace(location.pathname);
        return;
      }
      [].forEach.call(form.querySelectorAll("[data-send]"), function (button) { button.disabled = false; });
      if (result.status === 422) showErrors(result.body.errors || {});
      else if (result.status >= 400) say(result.body.message || d.msgRefused);
      else if (waiting) { waiting = false; say(d.msgSent); }
      flush();
    }, function () { sending = false; queued(); retry(); });
  }

  function queue(answers, complete) {
    var items = outbox();
    items.push({ key: newKey(), answers: answers, complete: complete, language: d.language });
    outboxSet(items);
    if (!navigator.onLine) queued();
    flush();
  }

  function answersOf(scope) {
    var answers = {};
    [].forEach.call(scope.querySelectorAll(".bp-question"), function (q) {
      answers[q.dataset.code] = q.hidden ? null : valueOf(q);
    });
    return answers;
  }

  // --- the map ---------------------------------------------------------------------------------
  function setPoint(q, lon, lat) {
    var box = q.querySelector("[data-map]");
    form.elements[q.dataset.code + "__lon"].value = lon;
    form.elements[q.dataset.code + "__lat"].value = lat;
    if (!box) return;
    var marker = box.querySelector(".bp-marker");
    marker.setAttribute("cx", (lon - box.dataset.lon0) * box.dataset.kx);
    marker.setAttribute("cy", (box.dataset.lat0 - lat) * box.dataset.ky);
    marker.setAttribute("visibility", "visible");
  }

  [].forEach.call(form.querySelectorAll("[data-map]"), function (box) {
    var q = box.closest(".bp-question"), svg = box.querySelector("svg"), select = q.querySelector("select");
    box.hidden = false;
    if (q.dataset.lon) setPoint(q, q.dataset.lon, q.dataset.lat);
    svg.addEventListener("click", function (event) {
      var p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
      var path = event.target.closest("path");
      setPoint(q, (Number(box.dataset.lon0) + p.x / box.dataset.kx).toFixed(6),
        (Number(box.dataset.lat0) - p.y / box.dataset.ky).toFixed(6));
      select.value = path ? path.getAttribute("data-code") : "";
      refresh();
    });
    select.addEventListener("change", function () {
      var option = select.selectedOptions[0];
      form.elements[q.dataset.code + "__lon"].value = form.elements[q.dataset.code + "__lat"].value = "";
      if (option && option.value) setPoint(q, option.dataset.lon, option.dataset.lat);
      else box.querySelector(".bp-marker").setAttribute("visibility", "hidden");
    });
  });

  // --- wiring ------------------------------------------------------------------------------------
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var go = event.submitter ? event.submitter.value : "next";
    var step = stepOf(current);
    refresh();
    if (go === "back") {
      showErrors({});
      queue(answersOf(step), false);
      move(-1);
      return;
    }
    if (showErrors(validate(step))) return;
    if (go === "send") {
      event.submitter.disabled = true;
      queue(answersOf(form), true);
      return;
    }
    queue(answersOf(step), false);
    move(1);
  });

  var pending = outbox();
  pending.forEach(function (item) {
    Object.keys(item.answers).forEach(function (code) {
      var q = byCode(code);
      if (q) fill(q, item.answers[code]);
    });
  });
  if (pending.length) queued();
  show(current, false);
  window.addEventListener("online", function () { delay = 2000; flush(); });
  setInterval(function () { if (!timer && outbox().length) flush(); }, 5000);
  flush();

  if ("serviceWorker" in navigator && d.worker) {
    navigator.serviceWorker.register(d.worker).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      // The first visit was not yet under the worker: keep a copy of this page for offline use.
      return window.caches && caches.open("bp-answer").then(function (cache) {
        return cache.match(location.href).then(function (hit) { return hit || cache.add(location.href); });
      });
    }).catch(function () { /* no offline copy; answering still works online */ });
  }
})();
