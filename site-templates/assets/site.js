/* Backbeat site: the sortable, filterable track table and the shared audio player.
   No network, no dependencies; works from file://. */
(function () {
  'use strict';

  // A track's page from a top-level page: tracks/<shard>/<id>.html, the shard being the id's last
  // two characters (CatalogPaths in the Catalog module makes the same path).
  function trackHref(id) {
    return 'tracks/' + encodeURIComponent(String(id).slice(-2)) + '/' + encodeURIComponent(id) + '.html';
  }

  // ---- Shared player: every button.play plays its data-src in the bar at the bottom. ----
  var bar = document.getElementById('player');
  var barAudio = document.getElementById('player-audio');
  var barTitle = document.getElementById('player-title');
  var current = null;

  function setPlaying(button, playing) {
    if (!button) { return; }
    button.classList.toggle('is-playing', playing);
    button.setAttribute('aria-pressed', playing ? 'true' : 'false');
  }

  function play(button) {
    if (!bar || !barAudio) { return; }
    if (current === button && !barAudio.paused) { barAudio.pause(); return; }
    if (current !== button) {
      setPlaying(current, false);
      current = button;
      barAudio.src = button.getAttribute('data-src');
      barTitle.textContent = button.getAttribute('data-title') || '';
    }
    bar.hidden = false;
    document.body.classList.add('has-player');
    var started = barAudio.play();
    if (started && started.catch) {
      started.catch(function () { setPlaying(current, false); });
    }
  }

  if (barAudio) {
    barAudio.addEventListener('play', function () { setPlaying(current, true); });
    barAudio.addEventListener('pause', function () { setPlaying(current, false); });
    barAudio.addEventListener('ended', function () { setPlaying(current, false); });
    barAudio.addEventListener('error', function () {
      setPlaying(current, false);
      if (current) {
        barTitle.textContent = (current.getAttribute('data-title') || '') + ' (cannot play: clip not found or not supported)';
      }
    });
    document.getElementById('player-close').addEventListener('click', function () {
      barAudio.pause();
      setPlaying(current, false);
      current = null;
      bar.hidden = true;
      document.body.classList.remove('has-player');
    });
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('button.play') : null;
    if (button) { play(button); }
  });

  // ---- Radio (track pages) and route (route.html): a list's tracks one after another in the bar. ----
  var radioList = document.getElementById('radio-list');
  var radioItems = [];
  var radioAt = -1, radioOn = false;

  function setQueue() {
    radioItems = radioList ? Array.prototype.slice.call(radioList.querySelectorAll('li[data-src]')) : [];
    radioAt = -1;
    radioOn = false;
    if (radioList) { radioList.removeAttribute('data-at'); }
  }

  function playRadio(i) {
    if (!bar || !barAudio || i < 0 || i >= radioItems.length) { return; }
    radioAt = i;
    radioOn = true;
    radioList.setAttribute('data-at', String(i));
    radioItems.forEach(function (li, j) {
      li.classList.toggle('is-current', j === i);
      if (j === i) { li.setAttribute('aria-current', 'true'); } else { li.removeAttribute('aria-current'); }
    });
    setPlaying(current, false);
    current = null;
    barAudio.src = radioItems[i].getAttribute('data-src');
    barTitle.textContent = (radioList.getAttribute('data-label') || 'Radio') + ' ' + (i + 1) + ' of ' + radioItems.length + ': ' +
      (radioItems[i].getAttribute('data-title') || '');
    bar.hidden = false;
    document.body.classList.add('has-player');
    var started = barAudio.play();
    if (started && started.catch) { started.catch(function () {}); }
  }

  if (radioList && barAudio) {
    setQueue();
    document.getElementById('radio-play').addEventListener('click', function () { playRadio(radioAt < 0 ? 0 : radioAt); });
    document.getElementById('radio-next').addEventListener('click', function () { playRadio(Math.min(radioItems.length - 1, radioAt + 1)); });
    document.getElementById('radio-prev').addEventListener('click', function () { playRadio(Math.max(0, radioAt - 1)); });
    barAudio.addEventListener('ended', function () {
      if (radioOn && radioAt + 1 < radioItems.length) { playRadio(radioAt + 1); }
    });
    document.addEventListener('click', function (event) {
      var target = event.target;
      if (target && target.closest && target.closest('button.play')) { radioOn = false; }
    }, true);
  }

  // ---- Route page: the route computed here, as `backbeat path` computes it (Playlists.Route). ----
  var routeForm = document.getElementById('route-form');
  if (routeForm && window.BACKBEAT_ROUTE) { initRoute(window.BACKBEAT_ROUTE); }

  function initRoute(data) {
    var tracks = data.tracks, d = data.dimensions, n = tracks.length;
    var vectors = tracks.map(function (t) {
      var raw = atob(t[5]), v = new Float64Array(d), norm = 0;
      for (var i = 0; i < d; i++) { var b = raw.charCodeAt(i); v[i] = b > 127 ? b - 256 : b; norm += v[i] * v[i]; }
      norm = Math.sqrt(norm) || 1;
      for (var j = 0; j < d; j++) { v[j] /= norm; }
      return v;
    });
    var byID = {};
    var options = document.getElementById('route-titles');
    tracks.forEach(function (t, i) {
      byID[t[0]] = i;
      var option = document.createElement('option');
      option.value = t[1] + ' [' + t[0] + ']';
      options.appendChild(option);
    });
    function find(text) {
      var m = /\[([a-z0-9-]+)\]\s*$/.exec(text);
      if (m && byID.hasOwnProperty(m[1])) { return byID[m[1]]; }
      if (byID.hasOwnProperty(text)) { return byID[text]; }
      var lower = text.trim().toLowerCase();
      for (var i = 0; i < n; i++) { if (tracks[i][1].toLowerCase() === lower) { return i; } }
      for (var k = 0; k < n; k++) { if (lower && tracks[k][1].toLowerCase().indexOf(lower) >= 0) { return k; } }
      return -1;
    }
    function octaves(a, b) {
      if (a <= 0 || b <= 0) { return a <= 0 && b <= 0 ? 0 : null; }
      var x = Math.log2(b / a);
      return x - Math.round(x);
    }
    function dot(a, b) { var s = 0; for (var i = 0; i < d; i++) { s += a[i] * b[i]; } return s; }
    var slack = Math.log2(1.01);
    // tracks[i]: [id, title, audio, tempo, recording, coordinates, artist group (-1: none)]
    function route(from, to, steps, maxStep, maxPerArtist) {
      if (tracks[from][4] === tracks[to][4]) { return { error: 'choose two different tracks' }; }
      var total = octaves(tracks[from][3], tracks[to][3]);
      if (total === null) { return { error: 'one end has a steady beat and the other none: no tempo path joins them' }; }
      var needed = Math.pow(2, Math.abs(total) / steps) - 1;
      if (needed > maxStep + 1e-9) {
        var fewest = maxStep > 0 ? Math.ceil(Math.abs(total) / Math.log2(1 + maxStep)) : Infinity;
        return { error: 'the tempi are too far apart for ' + steps + ' steps of ' + (maxStep * 100).toFixed(1) + ' %: raise the tempo step to ' +
          (needed * 100 + 0.05).toFixed(1) + ' %' + (fewest <= 50 ? ' or the steps to ' + fewest : '') };
      }
      var sign = total < 0 ? -1 : 1, used = {}, list = [], prev = from, artists = {};
      used[tracks[from][4]] = true;
      used[tracks[to][4]] = true;
      [from, to].forEach(function (r) { var g = tracks[r][6]; if (g >= 0) { artists[g] = (artists[g] || 0) + 1; } });
      for (var i = 1; i < steps; i++) {
        var f = i / steps, aim = new Float64Array(d), norm = 0;
        for (var j = 0; j < d; j++) { aim[j] = (1 - f) * vectors[from][j] + f * vectors[to][j]; norm += aim[j] * aim[j]; }
        norm = Math.sqrt(norm) || 1;
        for (var q = 0; q < d; q++) { aim[q] /= norm; }
        var target = tracks[from][3] > 0 ? tracks[from][3] * Math.pow(2, total * f) : 0;
        var best = -1, bestScore = -Infinity, same = -1, sameScore = -Infinity;
        var lastArtist = tracks[prev][6], nextArtist = i === steps - 1 ? tracks[to][6] : -1;
        for (var c = 0; c < n; c++) {
          if (used[tracks[c][4]]) { continue; }
          var step = octaves(tracks[prev][3], tracks[c][3]);
          if (step === null || Math.pow(2, Math.abs(step)) - 1 > maxStep + 1e-9) { continue; }
          if (total === 0 ? Math.abs(step) > slack : step * sign < -slack) { continue; }
          var late = octaves(target, tracks[c][3]);
          if (late === null || Math.pow(2, Math.abs(late)) - 1 > maxStep + 1e-9) { continue; }
          var rest = octaves(tracks[c][3], tracks[to][3]);
          if (rest === null || Math.pow(2, Math.abs(rest) / (steps - i)) - 1 > maxStep + 1e-9) { continue; }
          if (total === 0 ? Math.abs(rest) > slack : rest * sign < -slack) { continue; }
          var g = tracks[c][6];
          if (maxPerArtist > 0 && g >= 0 && (artists[g] || 0) >= maxPerArtist) { continue; }
          var score = dot(vectors[c], aim) + dot(vectors[c], vectors[prev]) - 4 * Math.abs(late); // Route.scheduleWeight
          if (g >= 0 && (g === lastArtist || g === nextArtist)) {
            if (score > sameScore) { same = c; sameScore = score; }
          } else if (score > bestScore) { best = c; bestScore = score; }
        }
        if (best < 0) { best = same; }
        if (best < 0) { return { error: 'no route within the limits: at step ' + i + ' of ' + steps + ' no new track keeps the tempo step; raise the tempo step or change the steps' }; }
        list.push(best);
        used[tracks[best][4]] = true;
        if (tracks[best][6] >= 0) { artists[tracks[best][6]] = (artists[tracks[best][6]] || 0) + 1; }
        prev = best;
      }
      return { rows: [from].concat(list, [to]) };
    }
    var message = document.getElementById('route-message');
    var result = document.getElementById('route-result');
    function show(from, to, steps, maxStep) {
      var r = route(from, to, Math.min(50, Math.max(1, steps)), Math.max(0, maxStep), data.maxPerArtist || 0);
      radioList.textContent = '';
      if (r.error) { message.textContent = r.error; result.hidden = true; setQueue(); return; }
      r.rows.forEach(function (row) {
        var t = tracks[row], li = document.createElement('li'), a = document.createElement('a');
        a.href = trackHref(t[0]);
        a.textContent = t[1];
        li.appendChild(a);
        var meta = document.createElement('span');
        meta.className = 'n-meta';
        meta.textContent = ' ' + t[3].toFixed(1) + ' BPM';
        li.appendChild(meta);
        if (t[2]) { li.setAttribute('data-src', t[2]); li.setAttribute('data-title', t[1]); }
        radioList.appendChild(li);
      });
      radioList.setAttribute('data-label', 'Route');
      message.textContent = 'A route of ' + r.rows.length + ' tracks.';
      result.hidden = false;
      setQueue();
    }
    routeForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var from = find(document.getElementById('route-from').value), to = find(document.getElementById('route-to').value);
      if (from < 0 || to < 0 || from === to) { message.textContent = 'Pick two different tracks of the catalog.'; return; }
      show(from, to, Math.max(1, parseInt(document.getElementById('route-steps').value, 10) || 10),
        Math.max(0, parseFloat(document.getElementById('route-tempo').value) || 0) / 100);
    });
    // route.html#from=ID&to=ID[&steps=N&step=P]: fill the form and compute (links and tests).
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (pair) {
      var kv = pair.split('=');
      try {
        if (kv.length === 2) { params[decodeURIComponent(kv[0])] = decodeURIComponent(kv[1]); }
      } catch (e) { /* a malformed %-escape: ignore that parameter */ }
    });
    if (params.from && params.to && params.from !== params.to && byID.hasOwnProperty(params.from) && byID.hasOwnProperty(params.to)) {
      document.getElementById('route-from').value = tracks[byID[params.from]][1] + ' [' + params.from + ']';
      document.getElementById('route-to').value = tracks[byID[params.to]][1] + ' [' + params.to + ']';
      if (params.steps) { document.getElementById('route-steps').value = params.steps; }
      if (params.step) { document.getElementById('route-tempo').value = params.step; }
      var stepPercent = parseFloat(document.getElementById('route-tempo').value);
      show(byID[params.from], byID[params.to], parseInt(document.getElementById('route-steps').value, 10) || 10,
        (isNaN(stepPercent) ? 6 : Math.max(0, stepPercent)) / 100);
    }
  }

  // A page's own player pauses the bar, and the other way round.
  var pageAudio = document.querySelector('audio.main-audio');
  if (pageAudio && barAudio) {
    pageAudio.addEventListener('play', function () { barAudio.pause(); });
    barAudio.addEventListener('play', function () { pageAudio.pause(); });
  }

  // ---- Catalog map (map.html): the map's points on a canvas you can pan, zoom, hover and click. ----
  var mapCanvas = document.getElementById('map-canvas');
  if (mapCanvas && window.BACKBEAT_MAP) { initMap(window.BACKBEAT_MAP.tracks); }

  function initMap(tracks) {
    var canvas = mapCanvas, ctx = canvas.getContext('2d'), tip = document.getElementById('map-tip');
    var n = tracks.length, width = canvas.width, height = canvas.height;
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    tracks.forEach(function (t) {
      minX = Math.min(minX, t[4]); maxX = Math.max(maxX, t[4]); minY = Math.min(minY, t[5]); maxY = Math.max(maxY, t[5]);
    });
    var view = {};
    function reset() {
      var s = Math.min((width - 40) / Math.max(maxX - minX, 1e-9), (height - 40) / Math.max(maxY - minY, 1e-9));
      view = { scale: s, ox: (width - s * (maxX + minX)) / 2, oy: (height + s * (maxY + minY)) / 2 };
    }
    function sx(t) { return t[4] * view.scale + view.ox; }
    function sy(t) { return view.oy - t[5] * view.scale; }
    // Tempo from blue (the catalog's 5th percentile) to red (its 95th); alpha so that overlapping
    // points deepen (density).
    var tempi = tracks.map(function (t) { return t[3]; }).filter(function (b) { return b > 0; }).sort(function (a, b) { return a - b; });
    var lo = tempi.length ? tempi[Math.floor(0.05 * (tempi.length - 1))] : 60;
    var hi = tempi.length ? tempi[Math.ceil(0.95 * (tempi.length - 1))] : 180;
    if (hi - lo < 10) { lo -= 5; hi += 5; }
    function tempoColour(t) {
      var f = Math.max(0, Math.min(1, ((t[3] || 0) - lo) / (hi - lo)));
      return 'hsl(' + Math.round(230 - 230 * f) + ', 75%, 45%)';
    }
    // Groove: the hue the build gave the track's groove (alike grooves, alike hues); grey without.
    function grooveColour(t) {
      return typeof t[6] === 'number' ? 'hsl(' + t[6] + ', 70%, 45%)' : 'hsl(0, 0%, 55%)';
    }
    var colours = [];
    var hasGroove = tracks.some(function (t) { return typeof t[6] === 'number'; });
    function colourBy(mode) {
      var by = mode === 'groove' && hasGroove ? grooveColour : tempoColour;
      colours = tracks.map(by);
      canvas.setAttribute('data-colour', by === grooveColour ? 'groove' : 'tempo');
    }
    var modes = document.querySelectorAll('input[name="map-colour"]');
    Array.prototype.forEach.call(modes, function (input) {
      if (input.value === 'groove' && !hasGroove) { input.disabled = true; }
      input.addEventListener('change', function () { if (input.checked) { colourBy(input.value); draw(); } });
    });
    var checked = document.querySelector('input[name="map-colour"]:checked');
    colourBy(checked ? checked.value : 'tempo');
    var hovered = -1;
    function draw() {
      ctx.clearRect(0, 0, width, height);
      var r = Math.max(1.5, Math.min(5, 2 * Math.sqrt(view.scale / 20)));
      ctx.globalAlpha = n > 5000 ? 0.45 : 0.8;
      for (var i = 0; i < n; i++) {
        var x = sx(tracks[i]), y = sy(tracks[i]);
        if (x < -r || y < -r || x > width + r || y > height + r) { continue; }
        ctx.fillStyle = colours[i];
        ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
      }
      ctx.globalAlpha = 1;
      if (hovered >= 0) {
        ctx.strokeStyle = '#111';
        ctx.lineWidth = 2;
        ctx.strokeRect(sx(tracks[hovered]) - r - 2, sy(tracks[hovered]) - r - 2, 2 * r + 4, 2 * r + 4);
      }
    }
    // Canvas pixels under a mouse event (the canvas may be shown smaller than its pixel size).
    function at(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * width / box.width, y: (event.clientY - box.top) * height / box.height };
    }
    function nearest(p) {
      var best = -1, bestD = 64;  // within 8 canvas pixels
      for (var i = 0; i < n; i++) {
        var dx = sx(tracks[i]) - p.x, dy = sy(tracks[i]) - p.y, d = dx * dx + dy * dy;
        if (d < bestD) { bestD = d; best = i; }
      }
      return best;
    }
    var drag = null, moved = false;
    canvas.addEventListener('pointerdown', function (event) {
      drag = at(event); moved = false;
      canvas.classList.add('dragging');
      if (canvas.setPointerCapture) { canvas.setPointerCapture(event.pointerId); }
    });
    canvas.addEventListener('pointermove', function (event) {
      var p = at(event);
      if (drag) {
        if (Math.abs(p.x - drag.x) + Math.abs(p.y - drag.y) > 2) { moved = true; }
        view.ox += p.x - drag.x; view.oy += p.y - drag.y; drag = p;
        draw();
        return;
      }
      var i = nearest(p);
      if (i !== hovered) {
        hovered = i;
        draw();
        if (i < 0) { tip.hidden = true; } else {
          var t = tracks[i];
          tip.textContent = t[1] + (t[2] ? ' — ' + t[2] : '') + ' · ' + (t[3] > 0 ? t[3].toFixed(1) + ' BPM' : 'no steady beat');
          var box = canvas.getBoundingClientRect();
          tip.style.left = Math.min(sx(t) * box.width / width + 12, box.width - 200) + 'px';
          tip.style.top = (sy(t) * box.height / height + 12) + 'px';
          tip.hidden = false;
        }
      }
    });
    function endDrag() { drag = null; canvas.classList.remove('dragging'); }
    canvas.addEventListener('pointerup', function (event) {
      var wasDrag = moved;
      endDrag();
      if (!wasDrag) {
        var i = nearest(at(event));
        if (i >= 0) { location.href = trackHref(tracks[i][0]); }
      }
    });
    canvas.addEventListener('pointercancel', endDrag);
    canvas.addEventListener('pointerleave', function () { if (!drag) { hovered = -1; tip.hidden = true; draw(); } });
    canvas.addEventListener('wheel', function (event) {
      event.preventDefault();
      var p = at(event), k = Math.exp(-event.deltaY * 0.0015);
      view.ox = p.x - (p.x - view.ox) * k; view.oy = p.y - (p.y - view.oy) * k; view.scale *= k;
      draw();
    }, { passive: false });
    var resetButton = document.getElementById('map-reset');
    if (resetButton) { resetButton.addEventListener('click', function () { reset(); draw(); }); }
    reset();
    draw();
    canvas.setAttribute('data-points', String(n));
  }

  // ---- Track table (index.html). ----
  var dataElement = document.getElementById('catalog-data');
  if (dataElement) { initTable(JSON.parse(dataElement.textContent)); }

  function pad2(n) { return n < 10 ? '0' + n : String(n); }

  function formatDuration(seconds) {
    if (typeof seconds !== 'number' || !isFinite(seconds)) { return '–'; }
    var total = Math.round(seconds);
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    return h > 0 ? h + ':' + pad2(m) + ':' + pad2(s) : m + ':' + pad2(s);
  }

  function formatTempo(bpm) {
    return typeof bpm === 'number' && bpm > 0 ? bpm.toFixed(1) + ' BPM' : '–';
  }

  // `data`: the table as columns (`columns.id[i]`, `columns.title[i]`, …) and, per sortable key,
  // the row indices in ascending order (`order.title`, …; missing artists last), written by the
  // build so that a 100 k-track catalog shows its first rows without sorting anything.
  function initTable(data) {
    var c = data.columns, n = c.id.length;
    var table = document.getElementById('tracks');
    var tbody = document.getElementById('track-rows');
    var status = document.getElementById('status');
    var filterInput = document.getElementById('filter');
    var minInput = document.getElementById('bpm-min');
    var maxInput = document.getElementById('bpm-max');
    var prev = document.getElementById('page-prev');
    var next = document.getElementById('page-next');
    var pageInfo = document.getElementById('page-info');
    var pageSize = parseInt(table.getAttribute('data-page-size'), 10) || 100;
    var withAudio = table.getAttribute('data-audio') === 'true';
    var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    var state = { key: 'title', dir: 1, page: 0 };
    var view = [];
    var numberFormat = new Intl.NumberFormat('en-US');
    var haystack = null, descending = {};

    // The text a filter word is looked for in, built on the first filter.
    function hay() {
      if (!haystack) {
        haystack = new Array(n);
        for (var i = 0; i < n; i++) {
          haystack[i] = [c.title[i], c.artist[i] || '', c.album[i] || '', c.genre[i] || '', c.file[i]].join('\n').toLowerCase();
        }
      }
      return haystack;
    }

    function same(key, a, b) {
      var x = (c[key] || [])[a], y = (c[key] || [])[b];
      return typeof x === 'number' || typeof y === 'number' ? (x || 0) === (y || 0) : collator.compare(x || '', y || '') === 0;
    }

    // Descending order: the ascending one reversed, equal values kept in row order, missing
    // artists still last. Built on first use.
    function order(key, dir) {
      if (!data.order[key]) {
        // A column the build did not order (a customised template's): sort here, once.
        var values = c[key] || [];
        data.order[key] = c.id.map(function (_, i) { return i; }).sort(function (a, b) {
          var x = values[a], y = values[b];
          if ((x === null || x === undefined || x === '') !== (y === null || y === undefined || y === '')) { return x ? -1 : 1; }
          var d = typeof x === 'number' || typeof y === 'number' ? (x || 0) - (y || 0) : collator.compare(x || '', y || '');
          return d !== 0 ? d : a - b;
        });
      }
      var up = data.order[key];
      if (dir > 0) { return up; }
      if (!descending[key]) {
        var missing = [], present = [];
        up.forEach(function (i) { (key !== 'title' && (c[key] || [])[i] === null ? missing : present).push(i); });
        var out = [], end = present.length;
        while (end > 0) {
          var start = end - 1;
          while (start > 0 && same(key, present[start - 1], present[end - 1])) { start -= 1; }
          for (var j = start; j < end; j++) { out.push(present[j]); }
          end = start;
        }
        descending[key] = out.concat(missing);
      }
      return descending[key];
    }

    function readNumber(input) {
      var v = parseFloat(input.value);
      return isFinite(v) ? v : null;
    }

    function apply() {
      var words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
      var min = readNumber(minInput), max = readNumber(maxInput);
      var rows = order(state.key, state.dir);
      if (!words.length && min === null && max === null) { view = rows; render(); return; }
      var text = words.length ? hay() : null;
      view = rows.filter(function (i) {
        var bpm = c.bpm[i];
        if (min !== null && !(bpm >= min)) { return false; }
        if (max !== null && !(bpm <= max)) { return false; }
        for (var w = 0; w < words.length; w++) {
          if (text[i].indexOf(words[w]) < 0) { return false; }
        }
        return true;
      });
      render();
    }

    function cell(row, className, text) {
      var td = document.createElement('td');
      if (className) { td.className = className; }
      if (text !== undefined) { td.textContent = text; }
      row.appendChild(td);
      return td;
    }

    function render() {
      var pages = Math.max(1, Math.ceil(view.length / pageSize));
      state.page = Math.min(Math.max(0, state.page), pages - 1);
      var start = state.page * pageSize, end = Math.min(view.length, start + pageSize);
      var fragment = document.createDocumentFragment();
      for (var r = start; r < end; r++) {
        var i = view[r], title = c.title[i], audio = c.audio[i], artist = c.artist[i];
        var row = document.createElement('tr');
        if (withAudio) {
          var playCell = cell(row, 'col-play');
          if (audio) {
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'play';
            button.setAttribute('data-src', audio);
            button.setAttribute('data-title', title);
            button.setAttribute('aria-label', 'Play ' + title);
            if (current && current.getAttribute('data-src') === audio && !barAudio.paused) {
              current = button;
              setPlaying(button, true);
            }
            playCell.appendChild(button);
          }
        }
        var titleCell = cell(row, 'col-title');
        var link = document.createElement('a');
        link.href = trackHref(c.id[i]);
        link.textContent = title;
        link.title = c.file[i];
        titleCell.appendChild(link);
        cell(row, 'col-artist' + (artist ? '' : ' muted'), artist || '—');
        cell(row, 'num col-duration', formatDuration(c.duration[i]));
        cell(row, 'num', formatTempo(c.bpm[i]));
        fragment.appendChild(row);
      }
      tbody.replaceChildren(fragment);
      var shown = view.length === n
        ? numberFormat.format(n) + ' tracks'
        : numberFormat.format(view.length) + ' of ' + numberFormat.format(n) + ' tracks match';
      status.textContent = view.length === 0 ? 'No track matches' : shown;
      pageInfo.textContent = view.length === 0 ? '' :
        numberFormat.format(start + 1) + '–' + numberFormat.format(end) + ' · page ' + (state.page + 1) + ' of ' + pages;
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      prev.parentNode.hidden = pages <= 1;
    }

    Array.prototype.forEach.call(table.querySelectorAll('th[data-key] button'), function (button) {
      button.addEventListener('click', function () {
        var th = button.parentNode, key = th.getAttribute('data-key');
        state.dir = state.key === key ? -state.dir : 1;
        state.key = key;
        Array.prototype.forEach.call(table.querySelectorAll('th[data-key]'), function (other) {
          other.removeAttribute('aria-sort');
        });
        th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
        state.page = 0;
        apply();
      });
    });

    var timer = null;
    function onFilter() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.page = 0;
        apply();
        try {
          var q = filterInput.value;
          history.replaceState(null, '', q ? '#q=' + encodeURIComponent(q) : location.pathname);
        } catch (e) { /* some file:// setups refuse replaceState; the filter still works */ }
      }, 120);
    }
    filterInput.addEventListener('input', onFilter);
    minInput.addEventListener('input', onFilter);
    maxInput.addEventListener('input', onFilter);
    prev.addEventListener('click', function () { state.page -= 1; render(); table.scrollIntoView({ block: 'nearest' }); });
    next.addEventListener('click', function () { state.page += 1; render(); table.scrollIntoView({ block: 'nearest' }); });

    var match = /^#q=(.*)$/.exec(location.hash);
    if (match) {
      try { filterInput.value = decodeURIComponent(match[1]); } catch (e) { filterInput.value = ''; }
    }
    apply();
    // The filter text of every row, once the first rows are on screen (≈ 0.1 s at 100 k tracks).
    setTimeout(hay, 0);
  }

  document.documentElement.setAttribute('data-ready', 'true');
})();
