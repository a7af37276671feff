/* Backbeat site: the sortable, filterable track table and the shared audio player.
   No network, no dependencies; works from file://. */
(function () {
  'use strict';

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

  // ---- Radio (track pages): the radio's tracks one after another in the bar. ----
  var radioList = document.getElementById('radio-list');
  var radioItems = radioList ? Array.prototype.slice.call(radioList.querySelectorAll('li[data-src]')) : [];
  var radioAt = -1, radioOn = false;

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
    barTitle.textContent = 'Radio ' + (i + 1) + ' of ' + radioItems.length + ': ' + (radioItems[i].getAttribute('data-title') || '');
    bar.hidden = false;
    document.body.classList.add('has-player');
    var started = barAudio.play();
    if (started && started.catch) { started.catch(function () {}); }
  }

  if (radioItems.length && barAudio) {
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

  // A page's own player pauses the bar, and the other way round.
  var pageAudio = document.querySelector('audio.main-audio');
  if (pageAudio && barAudio) {
    pageAudio.addEventListener('play', function () { barAudio.pause(); });
    barAudio.addEventListener('play', function () { pageAudio.pause(); });
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

  function initTable(tracks) {
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

    tracks.forEach(function (t, i) {
      t.index = i;
      t.haystack = [t.title, t.artist, t.album, t.genre, t.file].join('\n').toLowerCase();
    });

    function compare(a, b) {
      var x = a[state.key], y = b[state.key], c;
      if (state.key === 'duration' || state.key === 'bpm') {
        c = (x || 0) - (y || 0);
      } else {
        if (!x && y) { return 1; }        // missing artists last, whatever the direction
        if (x && !y) { return -1; }
        c = collator.compare(x || '', y || '');
      }
      return c !== 0 ? c * state.dir : a.index - b.index;
    }

    function readNumber(input) {
      var v = parseFloat(input.value);
      return isFinite(v) ? v : null;
    }

    function apply() {
      var words = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
      var min = readNumber(minInput), max = readNumber(maxInput);
      view = tracks.filter(function (t) {
        if (min !== null && !(t.bpm >= min)) { return false; }
        if (max !== null && !(t.bpm <= max)) { return false; }
        for (var i = 0; i < words.length; i++) {
          if (t.haystack.indexOf(words[i]) < 0) { return false; }
        }
        return true;
      });
      view.sort(compare);
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
      for (var i = start; i < end; i++) {
        var t = view[i];
        var row = document.createElement('tr');
        if (withAudio) {
          var playCell = cell(row, 'col-play');
          if (t.audio) {
            var button = document.createElement('button');
            button.type = 'button';
            button.className = 'play';
            button.setAttribute('data-src', t.audio);
            button.setAttribute('data-title', t.title);
            button.setAttribute('aria-label', 'Play ' + t.title);
            if (current && current.getAttribute('data-src') === t.audio && !barAudio.paused) {
              current = button;
              setPlaying(button, true);
            }
            playCell.appendChild(button);
          }
        }
        var titleCell = cell(row, 'col-title');
        var link = document.createElement('a');
        link.href = 'tracks/' + t.id + '.html';
        link.textContent = t.title;
        link.title = t.file;
        titleCell.appendChild(link);
        cell(row, 'col-artist' + (t.artist ? '' : ' muted'), t.artist || '—');
        cell(row, 'num col-duration', formatDuration(t.duration));
        cell(row, 'num', formatTempo(t.bpm));
        fragment.appendChild(row);
      }
      tbody.replaceChildren(fragment);
      var shown = view.length === tracks.length
        ? numberFormat.format(tracks.length) + ' tracks'
        : numberFormat.format(view.length) + ' of ' + numberFormat.format(tracks.length) + ' tracks match';
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
  }

  document.documentElement.setAttribute('data-ready', 'true');
})();
