// Report form: tells the reporter, while typing the dates, whether the 7-day official window still runs.
// The sentences come translated from the template (data-late-text / data-window-text).
(function () {
  var conduct = document.getElementById("id_conduct_date"), known = document.getElementById("id_known_date"),
      note = document.getElementById("window-note");
  if (!note) return;
  function update() {
    var base = (known && known.value) || (conduct && conduct.value);
    if (!base) return;
    var end = new Date(base); end.setDate(end.getDate() + 7);
    var late = new Date() > new Date(end.getTime() + 86400000);
    note.dataset.late = late ? "1" : "0";
    note.textContent = late ? note.dataset.lateText : note.dataset.windowText + " " + end.toISOString().slice(0, 10) + ".";
  }
  [conduct, known].forEach(function (el) { if (el) el.addEventListener("change", update); });
})();
