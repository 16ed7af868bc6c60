(function () {
  'use strict';
  var filter = document.getElementById('filter');
  if (!filter) { return; }
  function apply() {
    var shown = {};
    filter.querySelectorAll('input[type=checkbox]').forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll('section.chapter').forEach(function (section) {
      var visible = 0;
      section.querySelectorAll('tr.row').forEach(function (row) {
        var on = shown[row.getAttribute('data-kind')] !== false;
        row.classList.toggle('hidden', !on);
        if (on) { visible += 1; }
      });
      section.classList.toggle('empty', visible === 0);
    });
  }
  filter.addEventListener('change', apply);
})();
