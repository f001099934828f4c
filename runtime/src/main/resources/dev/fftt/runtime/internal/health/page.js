// The FFTT health page: fetches ./health every 2 s and shows it. Names in the report may be any
// string, so data only ever becomes text (textContent), never markup.
'use strict';

(function () {
  const REFRESH_MS = 2000;
  const TIMEOUT_MS = 5000;
  const STATUSES = ['HEALTHY', 'DEGRADED', 'UNHEALTHY'];
  const BREAKER_STATES = { CLOSED: 'good', HALF_OPEN: 'warn', OPEN: 'bad' };

  let lastSuccess = null; // when the JSON was last read

  // The token comes from the address's fragment (#token=...), which the browser never sends, and
  // goes out only as the Authorization header.
  function token() {
    const match = /(?:^#|&)token=([^&]*)/.exec(window.location.hash);
    if (!match) {
      return null;
    }
    try {
      return decodeURIComponent(match[1]);
    } catch (e) {
      return match[1];
    }
  }

  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  function millis(n) {
    return typeof n === 'number' ? n.toFixed(1) : '';
  }

  function count(n, warnWhenPositive) {
    return { text: String(n), className: warnWhenPositive && n > 0 ? 'warn' : '' };
  }

  function fillTable(id, items, row) {
    const body = document.querySelector('#' + id + ' tbody');
    const columns = document.querySelectorAll('#' + id + ' thead th').length;
    const rows = [];
    for (const item of items || []) {
      const tr = element('tr');
      const cells = row(item);
      cells.forEach(function (cell, i) {
        const td = element('td', cell.text, (i === 0 ? 'name ' : 'num ') + (cell.className || ''));
        tr.appendChild(td);
      });
      rows.push(tr);
    }
    if (rows.length === 0) {
      const tr = element('tr', null, 'empty');
      const td = element('td', 'none', 'none');
      td.colSpan = columns;
      tr.appendChild(td);
      rows.push(tr);
    }
    body.replaceChildren.apply(body, rows);
  }

  function text(value, className) {
    return { text: value, className: className };
  }

  function render(report) {
    const status = STATUSES.indexOf(report.status) >= 0 ? report.status : 'unknown';
    const badge = document.getElementById('status');
    badge.textContent = String(report.status);
    badge.className = 'status status-' + status;
    document.title = 'FFTT health: ' + String(report.status);

    const issues = document.getElementById('issues');
    const items = (report.issues || []).map(function (issue) {
      return element('li', issue);
    });
    if (items.length === 0) {
      items.push(element('li', 'none', 'none'));
    }
    issues.replaceChildren.apply(issues, items);

    fillTable('operations', report.operations, function (o) {
      const latency = o.latencyMillis || {};
      return [text(o.name), count(o.calls), count(o.successes), count(o.failures, true),
        count(o.timeouts, true), count(o.cancellations), count(o.retries), count(o.inFlight),
        count(o.fallbacks, true), count(o.rejections, true), text(millis(latency.p50)),
        text(millis(latency.p99)), text(millis(latency.max))];
    });
    fillTable('loops', report.loops, function (l) {
      return [text(l.name), count(l.pending), count(l.stalls, true),
        text(millis(l.maxStallMillis), l.stalls > 0 ? 'warn' : ''), count(l.blockingCalls, true)];
    });
    fillTable('breakers', report.circuitBreakers, function (b) {
      const trial = b.state === 'OPEN' ? (b.nextTrialInMillis / 1000).toFixed(1) + ' s' : '';
      return [text(b.name), text(b.state, 'state ' + (BREAKER_STATES[b.state] || '')),
        count(b.windowFailures, true), count(b.windowCalls), count(b.windowSize),
        count(b.opened, true), count(b.rejected, true), text(trial)];
    });
    fillTable('bulkheads', report.bulkheads, function (h) {
      return [text(h.name), count(h.running), count(h.maxConcurrent), count(h.waiting),
        count(h.queueCapacity), count(h.accepted), count(h.rejected, true),
        text(millis(h.maxWaitMillis))];
    });
  }

  function fresh() {
    lastSuccess = new Date();
    document.body.classList.remove('stale');
    document.getElementById('stale').hidden = true;
    document.getElementById('problem').hidden = true;
    document.getElementById('updated').textContent =
        'updated ' + lastSuccess.toLocaleTimeString();
  }

  function stale(problem) {
    document.body.classList.add('stale');
    const mark = document.getElementById('stale');
    mark.textContent = 'STALE: ' + (lastSuccess === null ? 'no data yet'
        : 'no data since ' + lastSuccess.toLocaleTimeString());
    mark.hidden = false;
    const note = document.getElementById('problem');
    note.textContent = problem;
    note.hidden = false;
  }

  async function refresh() {
    const controller = new AbortController();
    const timer = window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    try {
      const headers = { Accept: 'application/json' };
      const secret = token();
      if (secret !== null) {
        headers.Authorization = 'Bearer ' + secret;
      }
      const response = await fetch('health', {
        headers: headers, cache: 'no-store', credentials: 'omit', signal: controller.signal });
      if (response.status === 401) {
        stale(secret === null
            ? 'The health data needs a token: open this page as /fftt/#token=<token>.'
            : 'The token in this page\'s address (#token=...) was refused.');
        return;
      }
      if (response.status !== 200 && response.status !== 503) {
        stale('The server answered ' + response.status + ' for the health data.');
        return;
      }
      render(await response.json()); // 503 carries the report too: status UNHEALTHY
      fresh();
    } catch (e) {
      stale('Cannot reach the server (' + (e && e.name === 'AbortError' ? 'no answer within '
          + TIMEOUT_MS / 1000 + ' s' : String(e && e.message ? e.message : e))
          + '); showing the last data read.');
    } finally {
      window.clearTimeout(timer);
      window.setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
}());
