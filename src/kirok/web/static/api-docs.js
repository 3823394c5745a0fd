// The API's documentation, drawn by Swagger UI from the app's own /openapi.json. Kept in a
// file because the pages allow no inline script; the validator badge is off, since it
// would send the description to validator.swagger.io.
(function () {
  "use strict";
  const el = document.getElementById("swagger-ui");
  if (!el || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: false,
    tryItOutEnabled: false,
  });
  el.dataset.ready = "true";
})();
