// The one script: the desk's live refresh. It asks /desk/events?after=ID every 0.8 s and puts
// new swipes, the greeting and today's counts into the page with textContent (never as HTML).
// Without JavaScript the desk is the same page, current as of its last load.

enum DeskScript {
    static let source = """
    // Närvaro front desk: live refresh (the only script; the pages work without it).
    (function () {
      'use strict';
      var main = document.getElementById('desk');
      if (!main || !window.fetch) { return; }
      var url = main.getAttribute('data-events');
      var lastId = Number(main.getAttribute('data-last-id')) || 0;
      var busy = false;
      function el(tag, text, cls) {
        var e = document.createElement(tag);
        if (text !== undefined && text !== null) { e.textContent = String(text); }
        if (cls) { e.className = cls; }
        return e;
      }
      function greet(g) {
        var box = document.getElementById('greeting');
        if (!box) { return; }
        box.textContent = '';
        if (g) {
          box.className = 'greeting';
          box.appendChild(document.createTextNode(g.text + ' '));
          box.appendChild(el('span', g.activity, 'activity'));
        } else {
          box.className = 'greeting empty';
          box.textContent = main.getAttribute('data-empty') || '';
        }
      }
      function unknownCard(u) {
        var box = document.getElementById('unknown-card');
        var label = document.getElementById('unknown-card-text');
        if (!box || !label) { return; }
        box.hidden = !u;
        label.textContent = u ? u.text : '';
      }
      function swipes(list) {
        var body = document.getElementById('swipes-body');
        if (!body || !list.length) { return; }
        var none = document.getElementById('no-swipes');
        if (none) { none.parentNode.removeChild(none); }
        for (var i = list.length - 1; i >= 0; i--) {
          var c = list[i];
          var row = el('tr');
          row.setAttribute('data-id', c.id);
          row.appendChild(el('td', c.time));
          row.appendChild(el('td', c.who || c.visitor_code || ''));
          row.appendChild(el('td', c.activity));
          row.appendChild(el('td', c.reader));
          row.appendChild(el('td', c.mark, 'mark-' + c.outcome));
          body.insertBefore(row, body.firstChild);
        }
        while (body.rows.length > 50) { body.deleteRow(body.rows.length - 1); }
      }
      function counters(data) {
        var body = document.getElementById('counters-body');
        if (!body) { return; }
        body.textContent = '';
        data.counters.concat([data.total]).forEach(function (c, i, all) {
          var row = el('tr', null, i === all.length - 1 ? 'total' : '');
          row.appendChild(el(i === all.length - 1 ? 'th' : 'td', c.activity));
          row.appendChild(el('td', c.visits, 'num'));
          row.appendChild(el('td', c.unique_visitors, 'num'));
          row.appendChild(el('td', c.new_visitors, 'num'));
          body.appendChild(row);
        });
      }
      function apply(data) {
        swipes(data.check_ins);
        if (data.last_id > lastId) { lastId = data.last_id; }
        greet(data.greeting);
        unknownCard(data.unknown_card);
        counters(data);
      }
      function poll() {
        if (busy) { return; }
        busy = true;
        // From the origin: a page opened as http://user:pass@host/ would otherwise make a URL with
        // credentials, which fetch refuses; the browser's login for the origin still applies.
        fetch(window.location.origin + url + '&after=' + lastId, { credentials: 'same-origin', cache: 'no-store' })
          .then(function (r) { if (!r.ok) { throw new Error('status ' + r.status); } return r.json(); })
          .then(apply)
          .catch(function () { /* the next tick tries again */ })
          .then(function () { busy = false; });
      }
      setInterval(poll, 800);  // a swipe shows within 1 s of its commit
    }());
    """
}
