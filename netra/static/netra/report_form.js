// Report form helpers. The form works without them: the server re-checks every file, keeps the
// good ones across errors, and refuses (with a message) anonymous reports that carry contact details.
(function () {
  var script = document.getElementById("report-form-js");
  var form = document.getElementById("report-form");
  if (!script || !form) { return; }

  // 1. Check size and type as soon as files are chosen, before anything is sent.
  var input = document.getElementById("id_files");
  var allowed = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
  var maxBytes = parseInt(script.dataset.maxBytes, 10);
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }
  if (input) {
    var box = document.createElement("ul");
    box.className = "errorlist";
    box.id = "files-client-errors";
    input.insertAdjacentElement("afterend", box);
    input.addEventListener("change", function () {
      box.innerHTML = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var message = "";
        if (file.size > maxBytes) {
          message = fill(script.dataset.tooLarge, {name: file.name, size: (file.size / 1048576).toFixed(1),
                                                   limit: Math.round(maxBytes / 1048576)});
        } else if (file.type && allowed.indexOf(file.type) < 0) {
          message = fill(script.dataset.badType, {name: file.name});
        }
        if (message) {
          var li = document.createElement("li");
          li.textContent = message;
          box.appendChild(li);
        }
      });
    });
  }

  // 2. The anonymous choice and the contact fields agree: anonymous hides and disables them.
  var anonymous = document.getElementById("id_is_anonymous");
  var contact = document.getElementById("contact-fields");
  var note = document.getElementById("anonymous-note");
  if (anonymous && contact) {
    var sync = function () {
      var on = anonymous.checked;
      contact.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = on; });
      contact.querySelectorAll(".field").forEach(function (el) { el.hidden = on; });
      note.hidden = !on;
    };
    anonymous.addEventListener("change", sync);
    sync();
  }

  // 3. While the dates are typed, say whether the 7-day official window still runs.
  //    The sentences come translated from the template (data-late-text / data-window-text).
  var conduct = document.getElementById("id_conduct_date"), known = document.getElementById("id_known_date"),
      windowNote = document.getElementById("window-note");
  if (windowNote) {
    var update = function () {
      var base = (known && known.value) || (conduct && conduct.value);
      if (!base) { return; }
      var end = new Date(base); end.setDate(end.getDate() + 7);
      var late = new Date() > new Date(end.getTime() + 86400000);
      windowNote.dataset.late = late ? "1" : "0";
      windowNote.textContent = late ? windowNote.dataset.lateText
                                    : windowNote.dataset.windowText + " " + end.toISOString().slice(0, 10) + ".";
    };
    [conduct, known].forEach(function (el) { if (el) { el.addEventListener("change", update); } });
  }
})();
