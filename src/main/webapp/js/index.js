// Lists every task. Values are set through textContent: data from the database is never HTML.
(function () {
  'use strict';
  var columns = ['ID', 'Enable', 'ScriptName', 'ScriptFolder', 'Every', 'AtTime', 'RunBy', 'RunHost', 'Comment'];
  var status = document.getElementById('status');
  var body = document.querySelector('#tasks tbody');

  fetch('api/tasks/all', { headers: { Accept: 'application/json' } })
    .then(function (response) {
      return response.json().then(function (json) {
        if (!response.ok) { throw new Error(json.error || response.statusText); }
        return json;
      });
    })
    .then(function (tasks) {
      tasks.forEach(function (task) {
        var row = document.createElement('tr');
        columns.forEach(function (column) {
          var cell = document.createElement('td');
          var value = task[column];
          cell.textContent = value === null || value === undefined ? '' : String(value);
          row.appendChild(cell);
        });
        body.appendChild(row);
      });
      status.textContent = tasks.length + ' task(s)';
    })
    .catch(function (error) {
      status.textContent = 'Cannot load tasks: ' + error.message;
    });
})();
