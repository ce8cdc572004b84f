// "Salin kode" buttons: copy the code to the clipboard. Hidden without JavaScript or clipboard
// access, where the code stays selectable text (it never breaks across lines).
document.querySelectorAll("button.copy-code").forEach(function (button) {
  if (!navigator.clipboard) { return; }
  button.hidden = false;
  var label = button.textContent;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.copy).then(function () {
      button.textContent = button.dataset.copied;
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
});
