// The complaint confirmation's print button. It is hidden in the page and shown only here, so that without scripts
// no button appears that does nothing (the page then says to use the browser's Print command).
document.addEventListener('DOMContentLoaded', function () {
  var button = document.getElementById('print');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  }
});
