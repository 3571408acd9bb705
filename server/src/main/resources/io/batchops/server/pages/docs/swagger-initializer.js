// Swagger UI on the four specs this server was built from. "Try it out" calls this server, wherever
// it listens (the specs name the default address), with the development credentials filled in;
// "Authorize" takes others.
window.onload = function () {
  const origin = window.location.origin;
  window.ui = SwaggerUIBundle({
    urls: [
      { url: "/openapi/sms.yaml", name: "SMS: Server Migration Service" },
      { url: "/openapi/drs.yaml", name: "DRS: Data Replication Service" },
      { url: "/openapi/iam.yaml", name: "IAM: projects, accounts, tokens, temporary keys" },
      { url: "/openapi/admin.yaml", name: "batchops control API" }
    ],
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
    validatorUrl: null,
    requestInterceptor: function (request) {
      const url = new URL(request.url, origin);
      if (url.origin !== origin) {
        request.url = origin + url.pathname + url.search;
      }
      return request;
    },
    onComplete: function () {
      window.ui.preauthorizeApiKey("token", "dev-token");
      window.ui.preauthorizeApiKey("adminToken", "admin-dev-token");
    }
  });
};
