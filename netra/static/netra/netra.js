// Site-wide behaviour, kept out of the HTML so the Content Security Policy can forbid inline script.
(function () {
  // The language switcher submits its form as soon as a language is picked.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
})();
