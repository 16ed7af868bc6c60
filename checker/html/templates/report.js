(function () {
  'use strict';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-sev]'));
  var only = document.getElementById('only-findings');
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-only]'));
  var shown = document.querySelector('output.tb-shown');
  if (!boxes.length) { return; }
  function enabled() {
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute('data-sev')] = b.checked; });
    return on;
  }
  function apply() {
    var on = enabled();
    document.querySelectorAll('[data-sev]:not(input)').forEach(function (el) {
      el.hidden = !on[el.getAttribute('data-sev')];
    });
    document.querySelectorAll('.tree .node').forEach(function (node) {
      node.hidden = only.checked && !node.querySelector('.finding:not([hidden])');
    });
    var picked = boxes.filter(function (b) { return b.checked; });
    buttons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(picked.length === 1 && picked[0].getAttribute('data-sev') === button.getAttribute('data-only')));
    });
    if (shown) {
      var rows = document.querySelectorAll('table.findings-table tbody tr');
      var visible = Array.prototype.filter.call(rows, function (r) { return !r.hidden; }).length;
      shown.textContent = shown.getAttribute('data-template').replace('{shown}', visible).replace('{total}', rows.length);
    }
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  only.addEventListener('change', apply);
  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      var key = button.getAttribute('data-only');
      var alone = button.getAttribute('aria-pressed') === 'true';
      boxes.forEach(function (b) { b.checked = alone || b.getAttribute('data-sev') === key; });
      apply();
    });
  });
  // On a small screen the goals' diagrams start closed: they are pictures of the whole width.
  if (window.matchMedia && window.matchMedia('(max-width: 600px)').matches) {
    document.querySelectorAll('details.diagram-box').forEach(function (d) { d.open = false; });
  }
  apply();
})();
