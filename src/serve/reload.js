// kumppani serve: reloads this page after each rebuild; shows build errors as an overlay.
// Injected by `kumppani serve` only; never part of `kumppani build` output.
(function () {
  "use strict";
  var generation = null;
  function overlay(message) {
    var el = document.getElementById("kumppani-error");
    if (!message) {
      if (el) el.remove();
      return;
    }
    if (!el) {
      el = document.createElement("div");
      el.id = "kumppani-error";
      el.setAttribute("role", "alert");
      el.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;background:rgba(20,0,0,.92);color:#fff;" +
        "font:14px/1.5 monospace;padding:2em;white-space:pre-wrap;overflow:auto";
      document.body.appendChild(el);
    }
    el.textContent = "kumppani: the build failed; showing the last good page.\n\n" + message;
  }
  function poll() {
    // The page tells the server it is open: rebuilds write it before the rest of the site.
    var url = "/_kumppani/events?page=" + encodeURIComponent(location.pathname) +
      (generation === null ? "" : "&since=" + encodeURIComponent(generation));
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        var first = generation === null;
        var changed = !first && state.generation !== generation;
        generation = state.generation;
        if (state.error) {
          overlay(state.error);
        } else if (changed) {
          location.reload();
          return;
        } else {
          overlay(null);
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
