// Draws every Vega-Lite chart on the page: <div class="bp-chart" data-spec="ID"> with its
// specification in <script type="application/json" id="ID">. Vega's expression interpreter
// keeps the page within a Content-Security-Policy without 'unsafe-eval'. The table under each
// chart holds the same figures (the chart itself is hidden from screen readers), so nothing is
// lost when scripts do not run.
(function () {
  "use strict";
  function draw() {
    document.querySelectorAll(".bp-chart[data-spec]").forEach(function (element) {
      var source = document.getElementById(element.dataset.spec);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      vegaEmbed(element, spec, {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: vega.expressionInterpreter,
        defaultStyle: false,
        tooltip: { disableDefaultStyle: true }, // its style sheet is in app.css
      }).catch(function () { element.hidden = true; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
