// Quiz attempt: count the time down as minutes:seconds and hand the answers in when it is up.
(function () {
  var el = document.getElementById("timer"), form = document.getElementById("attempt-form");
  if (!el || !form) return;
  var left = parseInt(el.dataset.seconds, 10);
  function mmss(s) { s = Math.max(0, s); var m = Math.floor(s / 60), r = s % 60; return m + ":" + (r < 10 ? "0" : "") + r; }
  var t = setInterval(function () {
    left -= 1; el.textContent = mmss(left);
    if (left <= 0) { clearInterval(t); form.submit(); }
  }, 1000);
})();
