// Quiz attempt: count the seconds down and hand the answers in when the time is up.
(function () {
  var el = document.getElementById("timer"), form = document.getElementById("attempt-form");
  if (!el || !form) return;
  var left = parseInt(el.dataset.seconds, 10);
  var t = setInterval(function () {
    left -= 1; el.textContent = Math.max(0, left);
    if (left <= 0) { clearInterval(t); form.submit(); }
  }, 1000);
})();
