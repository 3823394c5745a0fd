// Bring the first piece of evidence into view inside the report text panel.
(function () {
  "use strict";
  const panel = document.getElementById("report-text");
  const mark = panel && panel.querySelector("mark");
  if (mark) {
    panel.scrollTop = Math.max(0, mark.offsetTop - panel.offsetTop - 80);
  }
})();

// Review keys, so a queue can be worked through without the mouse: c confirms, x rejects,
// s saves the correction, n skips to the next record. Never while typing in a field.
(function () {
  "use strict";
  const form = document.getElementById("review-form");
  if (!form) return;
  const buttons = { c: "confirm", x: "reject", s: "correct" };
  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target instanceof HTMLElement && target.closest("input, select, textarea, button")) return;
    const key = event.key.toLowerCase();
    if (key === "n") {
      const skip = document.getElementById("skip");
      if (skip) { event.preventDefault(); skip.click(); }
      return;
    }
    const action = buttons[key];
    if (!action) return;
    const button = form.querySelector("button[value=" + action + "]");
    if (!button) return;
    event.preventDefault();
    form.requestSubmit(button); // runs the form's own checks (a reviewer's name is required)
  });
})();
