(function () {
  'use strict';
  var rank = {error: 3, warning: 2, info: 1, justified: 0, none: 0};
  var selects = Array.prototype.slice.call(document.querySelectorAll('select[data-col]'));
  var area = document.getElementById('f-area');
  var sev = document.getElementById('f-sev');
  var text = document.getElementById('f-text');
  var shown = document.querySelector('output.tb-shown');
  if (!area) { return; }
  function levelOf(row, a) {
    if (!a) { return row.getAttribute('data-worst') || 'none'; }
    var found = (row.getAttribute('data-areas') || '').split(' ').filter(function (x) { return x.indexOf(a + ':') === 0; });
    return found.length ? found[0].slice(a.length + 1) : 'none';
  }
  function matches(row) {
    for (var i = 0; i < selects.length; i++) {
      var want = selects[i].value;
      if (want && row.getAttribute('data-f-' + selects[i].getAttribute('data-col')) !== want) { return false; }
    }
    var lv = levelOf(row, area.value);
    var s = sev.value;
    if (s === 'none') { if (rank[lv] > 0) { return false; } }
    else if (s) { if (rank[lv] < rank[s]) { return false; } }
    else if (area.value && rank[lv] === 0) { return false; }
    var q = text.value.trim().toLowerCase();
    return !q || (row.getAttribute('data-text') || '').toLowerCase().indexOf(q) >= 0;
  }
  function apply() {
    var rows = document.querySelectorAll('tr[data-body]');
    rows.forEach(function (row) { row.hidden = !matches(row); });
    if (shown) {
      var main = document.querySelectorAll('#overview-table tbody tr');
      var visible = Array.prototype.filter.call(main, function (r) { return !r.hidden; }).length;
      shown.textContent = shown.getAttribute('data-template').replace('{shown}', visible).replace('{total}', main.length);
    }
  }
  selects.concat([area, sev]).forEach(function (el) { el.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  apply();
})();
