// Gort web console: progressive enhancement only. Every page works without this file: it shows
// times in the browser's time zone, refreshes live areas, asks before destructive forms, and
// copies text. No inline scripts (the Content-Security-Policy forbids them).
'use strict';
(function () {
  var timeFormat = new Intl.DateTimeFormat(undefined, {
    year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short'
  });

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (t) {
      var when = new Date(t.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        t.textContent = timeFormat.format(when);
      }
    });
  }

  function confirmations(root) {
    root.querySelectorAll('form[data-confirm]').forEach(function (form) {
      if (form.dataset.confirmBound) return;
      form.dataset.confirmBound = 'true';
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.dataset.confirm)) {
          event.preventDefault();
        }
      });
    });
  }

  function copyButtons(root) {
    root.querySelectorAll('button[data-copy]').forEach(function (button) {
      var source = document.getElementById(button.dataset.copy);
      if (!source || !navigator.clipboard) return;
      button.hidden = false;
      if (button.dataset.copyBound) return;
      button.dataset.copyBound = 'true';
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.textContent = 'Copied';
        }, function () {
          button.textContent = 'Copy failed: select the text';
        });
      });
    });
  }

  // A live area asks for its fragment again after data-live-after seconds (the server's
  // Retry-After); it stops when the fragment comes back without data-live-src. While the user types
  // in one of its fields it waits; otherwise it keeps their unsent changes and their focus.
  var MAX_BACKOFF_SECONDS = 30;

  function schedule(area, seconds) {
    var src = area.dataset.liveSrc;
    if (!src) return;
    window.setTimeout(function () { refresh(area, src, seconds); }, seconds * 1000);
  }

  function secondsOf(value, fallback) {
    var n = parseFloat(value);
    return isFinite(n) && n > 0 ? n : fallback;
  }

  function refresh(area, src, lastSeconds) {
    fetch(src, {
      headers: { 'X-Gort-Fragment': '1', 'X-Requested-With': 'JavaScript' },
      credentials: 'same-origin',
      cache: 'no-store'
    }).then(function (response) {
      if (response.status === 499 || response.status === 401) {
        window.location.reload(); // the session ended: the page signs in again
        return null;
      }
      if (!response.ok) {
        schedule(area, Math.min(MAX_BACKOFF_SECONDS, lastSeconds * 2));
        return null;
      }
      var retryAfter = secondsOf(response.headers.get('Retry-After'), secondsOf(area.dataset.liveAfter, 1));
      return response.text().then(function (html) { swap(area, html, retryAfter); });
    }).catch(function () {
      schedule(area, Math.min(MAX_BACKOFF_SECONDS, lastSeconds * 2));
    });
  }

  // What a refresh must not take from the user: a field they are typing in (the area waits), the
  // values they changed but not sent, and which control has the keyboard focus.
  var TEXT_ENTRY = /^(text|search|email|url|tel|number|password)$/;

  function typingIn(area) {
    var active = document.activeElement;
    if (!active || !area.contains(active)) return false;
    return active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && TEXT_ENTRY.test(active.type));
  }

  function controlKey(control) {
    var form = control.form ? control.form.getAttribute('action') || '' : '';
    return [control.tagName, form, control.name || '', control.type || '', /^(BUTTON)$/.test(control.tagName) || /^(radio|checkbox)$/.test(control.type) ? control.value : ''].join('|');
  }

  function userState(area) {
    var edited = {};
    area.querySelectorAll('input, textarea, select').forEach(function (field) {
      if (!field.name || field.type === 'hidden') return;
      var changed = field.type === 'checkbox' || field.type === 'radio'
        ? field.checked !== field.defaultChecked
        : field.tagName === 'SELECT'
          ? Array.prototype.some.call(field.options, function (o) { return o.selected !== o.defaultSelected; })
          : field.value !== field.defaultValue;
      if (changed) edited[controlKey(field)] = field;
    });
    var active = document.activeElement;
    var focus = active && active !== area && area.contains(active)
      ? { id: active.id, key: active.matches('a[href]') ? 'A|' + active.getAttribute('href') : controlKey(active) }
      : null;
    return { edited: edited, focus: focus };
  }

  function restore(area, state) {
    area.querySelectorAll('input, textarea, select').forEach(function (field) {
      var old = state.edited[controlKey(field)];
      if (!old) return;
      if (field.type === 'checkbox' || field.type === 'radio') field.checked = old.checked;
      else field.value = old.value;
    });
    if (!state.focus) return;
    var target = state.focus.id ? document.getElementById(state.focus.id) : null;
    if (!target || !area.contains(target)) {
      target = Array.prototype.find.call(area.querySelectorAll('a[href], button, input, textarea, select'), function (c) {
        return (c.matches('a[href]') ? 'A|' + c.getAttribute('href') : controlKey(c)) === state.focus.key;
      });
    }
    if (target) target.focus({ preventScroll: true });
  }

  function swap(area, html, retryAfter) {
    if (typingIn(area)) {
      schedule(area, retryAfter);
      return;
    }
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    var next = template.content.firstElementChild;
    if (!next) return;
    var state = userState(area);
    area.innerHTML = next.innerHTML;
    restore(area, state);
    if (next.dataset.liveSrc) {
      area.dataset.liveSrc = next.dataset.liveSrc;
      area.dataset.liveAfter = String(retryAfter);
    } else {
      delete area.dataset.liveSrc;
      delete area.dataset.liveAfter;
      area.dataset.liveDone = 'true';
    }
    enhance(area);
    schedule(area, retryAfter);
  }

  function enhance(root) {
    localTimes(root);
    confirmations(root);
    copyButtons(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    document.querySelectorAll('[data-live-src]').forEach(function (area) {
      schedule(area, secondsOf(area.dataset.liveAfter, 1));
    });
  });
})();
