// Bring the first piece of evidence into view inside the report text panel.
(function () {
  "use strict";
  const panel = document.getElementById("report-text");
  const mark = panel && panel.querySelector("mark");
  if (mark) {
    panel.scrollTop = Math.max(0, mark.offsetTop - panel.offsetTop - 80);
  }
})();
