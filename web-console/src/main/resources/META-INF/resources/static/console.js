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
  // Retry-After); it stops when the fragment comes back without data-live-src.
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
    if (!area.dataset.liveSrc) return;
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
      return response.text().then(function (html) {
        area.dataset.liveAfter = String(retryAfter);
        if (typingIn(area)) {
          area.gortPending = html; // shown when they pause or leave the area
        } else {
          swap(area, html);
        }
        schedule(area, retryAfter);
      });
    }).catch(function () {
      schedule(area, Math.min(MAX_BACKOFF_SECONDS, lastSeconds * 2));
    });
  }

  // What a refresh must not take from the user: a field they are typing in (the area waits until
  // they pause for TYPING_PAUSE_MS or leave it), the values they changed but did not send, and the
  // keyboard focus with the caret.
  var TYPING_PAUSE_MS = 5000;
  var NOT_TYPED = /^(hidden|button|submit|reset|image|checkbox|radio|file|range|color)$/;
  var CONTROLS = 'a[href], button, input, textarea, select';

  function isCheckable(control) {
    return control.type === 'checkbox' || control.type === 'radio';
  }

  function isTyped(control) {
    return control.tagName === 'TEXTAREA' || (control.tagName === 'INPUT' && !NOT_TYPED.test(control.type));
  }

  function typingIn(area) {
    var active = document.activeElement;
    return !!active && area.contains(active) && isTyped(active) &&
      Date.now() - (area.gortActiveAt || 0) < TYPING_PAUSE_MS;
  }

  function watchTyping(area) {
    var mark = function () { area.gortActiveAt = Date.now(); };
    area.addEventListener('input', mark);
    area.addEventListener('focusin', mark);
    area.addEventListener('focusout', function (event) {
      if (event.relatedTarget && area.contains(event.relatedTarget)) return;
      if (area.gortPending) swap(area, area.gortPending);
    });
  }

  function keyOf(control) {
    if (control.matches('a[href]')) return 'A|' + control.getAttribute('href');
    var form = control.form ? control.form.getAttribute('action') || '' : '';
    var value = control.tagName === 'BUTTON' || isCheckable(control) ? control.value : '';
    return [control.tagName, form, control.name || '', control.type || '', value].join('|');
  }

  // Each control of the area with a key that finds its like in the next fragment: what it is, its
  // form's action, its name, and which of the controls alike it is.
  function controls(area) {
    var seen = {};
    return Array.prototype.map.call(area.querySelectorAll(CONTROLS), function (control) {
      var key = keyOf(control);
      seen[key] = (seen[key] || 0) + 1;
      return { key: key + '#' + seen[key], control: control };
    });
  }

  function isField(control) {
    return /^(INPUT|TEXTAREA|SELECT)$/.test(control.tagName) && !!control.name &&
      control.type !== 'hidden' && control.type !== 'file';
  }

  function changed(field) {
    if (isCheckable(field)) return field.checked !== field.defaultChecked;
    if (field.tagName === 'SELECT') {
      var options = Array.prototype.slice.call(field.options);
      var hasDefault = options.some(function (o) { return o.defaultSelected; });
      if (field.multiple || hasDefault) return options.some(function (o) { return o.selected !== o.defaultSelected; });
      return field.selectedIndex > 0; // without a default the first option is the one shown
    }
    return field.value !== field.defaultValue;
  }

  function snapshot(field) {
    return {
      checked: field.checked,
      value: field.value,
      chosen: field.tagName === 'SELECT'
        ? Array.prototype.filter.call(field.options, function (o) { return o.selected; }).map(function (o) { return o.value; })
        : null
    };
  }

  function userState(area) {
    var edited = {};
    var focus = null;
    var active = document.activeElement;
    controls(area).forEach(function (entry) {
      var control = entry.control;
      if (isField(control) && changed(control)) edited[entry.key] = snapshot(control);
      if (control === active) {
        focus = { id: control.id, key: entry.key };
        if (isTyped(control)) {
          try { focus.caret = [control.selectionStart, control.selectionEnd]; } catch (e) { /* no caret */ }
        }
      }
    });
    return { edited: edited, focus: focus, hadFocus: !!active && active !== area && area.contains(active) };
  }

  function restore(area, state) {
    var byKey = {};
    controls(area).forEach(function (entry) {
      byKey[entry.key] = entry.control;
      var old = state.edited[entry.key];
      var field = entry.control;
      if (!old || !isField(field)) return;
      if (isCheckable(field)) {
        field.checked = old.checked;
      } else if (field.tagName === 'SELECT') {
        Array.prototype.forEach.call(field.options, function (o) { o.selected = old.chosen.indexOf(o.value) >= 0; });
      } else {
        field.value = old.value;
      }
    });
    if (!state.hadFocus) return;
    var target = state.focus && state.focus.id ? document.getElementById(state.focus.id) : null;
    if (!target || !area.contains(target)) target = state.focus ? byKey[state.focus.key] : null;
    if (!target) {
      // what had the focus is gone: keep it in the area rather than lose it to the page
      if (!area.hasAttribute('tabindex')) area.setAttribute('tabindex', '-1');
      target = area;
    }
    target.focus({ preventScroll: true });
    if (state.focus && state.focus.caret && target !== area) {
      try { target.setSelectionRange(state.focus.caret[0], state.focus.caret[1]); } catch (e) { /* no caret */ }
    }
  }

  // Replaces the area's content with the fragment's; the caller schedules the next refresh.
  function swap(area, html) {
    delete area.gortPending;
    var template = document.createElement('template');
    template.innerHTML = html.trim();
    var next = template.content.firstElementChild;
    if (!next) return;
    var state = userState(area);
    area.innerHTML = next.innerHTML;
    restore(area, state);
    if (next.dataset.liveSrc) {
      area.dataset.liveSrc = next.dataset.liveSrc;
    } else {
      delete area.dataset.liveSrc;
      delete area.dataset.liveAfter;
      area.dataset.liveDone = 'true';
    }
    enhance(area);
  }

  function enhance(root) {
    localTimes(root);
    confirmations(root);
    copyButtons(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    document.querySelectorAll('[data-live-src]').forEach(function (area) {
      watchTyping(area);
      schedule(area, secondsOf(area.dataset.liveAfter, 1));
    });
  });
})();
