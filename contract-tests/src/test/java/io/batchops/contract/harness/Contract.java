package io.batchops.contract.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One spec of {@code openapi/}, read with swagger-parser: its operations, examples and bounds, and an
 * independent validator (swagger-request-validator) of the answers the server gives.
 */
public final class Contract {
    public static final Contract SMS = load("sms.yaml");
    public static final Contract DRS = load("drs.yaml");
    public static final Contract ADMIN = load("admin.yaml");
    public static final Contract IAM = load("iam.yaml");

    private final String name;
    private final OpenAPI api;
    private final OpenApiInteractionValidator validator;

    private Contract(String name, OpenAPI api, OpenApiInteractionValidator validator) {
        this.name = name;
        this.api = api;
        this.validator = validator;
    }

    /** A spec file of {@code openapi/}. */
    public static Path specFile(String file) {
        return Path.of(System.getProperty("batchops.openapi.dir", "../openapi")).resolve(file);
    }

    private static Contract load(String file) {
        Path spec = specFile(file);
        assertTrue(Files.isRegularFile(spec), "spec not found: " + spec.toAbsolutePath());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        var result = new OpenAPIV3Parser().readLocation(spec.toUri().toString(), null, options);
        assertNotNull(result.getOpenAPI(), () -> file + " does not parse: " + result.getMessages());
        return new Contract(file, result.getOpenAPI(),
                OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build());
    }

    @Override
    public String toString() {
        return name;
    }

    public OpenAPI api() {
        return api;
    }

    /**
     * Prism's validating proxy in front of this contract's operations, when the run was given one
     * ({@code -Dbatchops.prism.sms=http://127.0.0.1:4010}, as {@code .ci/prism} does).
     */
    public Optional<URI> prism() {
        String proxy = System.getProperty("batchops.prism." + name.replace(".yaml", ""), "");
        return proxy.isBlank() ? Optional.empty() : Optional.of(URI.create(proxy));
    }

    /**
     * Prism reports what it finds wrong in the {@code sl-violations} header. Violations of the request
     * are what negative tests send on purpose; a violation of the response is the server's fault.
     */
    public void assertPrismFoundNoResponseViolation(Exchange exchange) {
        String violations = exchange.header("sl-violations");
        if (violations == null) {
            return;
        }
        try {
            for (JsonNode violation : Exchange.MAPPER.readTree(violations)) {
                assertFalse("response".equals(violation.path("location").path(0).asText()),
                        () -> "Prism finds the answer violates " + name + ": " + violation + " in " + exchange);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("unreadable sl-violations: " + violations, e);
        }
    }

    /** The operation at a path template, for an HTTP method. */
    public Operation operation(String method, String pathTemplate) {
        var item = api.getPaths().get(pathTemplate);
        assertNotNull(item, name + " has no path " + pathTemplate);
        Operation operation = item.readOperationsMap().get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(method));
        assertNotNull(operation, name + " has no " + method + " " + pathTemplate);
        return operation;
    }

    public List<Parameter> parameters(String method, String pathTemplate) {
        List<Parameter> parameters = operation(method, pathTemplate).getParameters();
        return parameters == null ? List.of() : parameters;
    }

    public MediaType requestContent(String method, String pathTemplate) {
        return operation(method, pathTemplate).getRequestBody().getContent().get("application/json");
    }

    public Map<String, Example> requestExamples(String method, String pathTemplate) {
        Map<String, Example> examples = requestContent(method, pathTemplate).getExamples();
        return examples == null ? Map.of() : examples;
    }

    /** The named example of a response, as JSON. */
    public JsonNode responseExample(String method, String pathTemplate, int status, String example) {
        var response = operation(method, pathTemplate).getResponses().get(String.valueOf(status));
        assertNotNull(response, name + ": " + method + " " + pathTemplate + " documents no " + status);
        Example found = response.getContent().get("application/json").getExamples().get(example);
        assertNotNull(found, name + ": no example " + example + " of " + status);
        return Exchange.MAPPER.valueToTree(found.getValue());
    }

    /** The statuses an operation documents, with the names of their examples. */
    public Map<String, Map<String, Example>> responseExamples(String method, String pathTemplate) {
        Map<String, Map<String, Example>> all = new java.util.TreeMap<>();
        operation(method, pathTemplate).getResponses().forEach((status, response) -> {
            if (response.getContent() != null && response.getContent().get("application/json") != null
                    && response.getContent().get("application/json").getExamples() != null) {
                all.put(status, response.getContent().get("application/json").getExamples());
            }
        });
        return all;
    }

    /**
     * The answer is one the spec allows for this request: a documented status, its schema, its
     * content type; and it carries an X-Request-Id.
     */
    public void assertResponseConforms(Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.headers().map().forEach((header, values) -> response.withHeader(header, values));
        if (exchange.body() != null && !exchange.body().isEmpty()) {
            response.withBody(exchange.body());
        }
        String path = exchange.path().contains("?") ? exchange.path().substring(0, exchange.path().indexOf('?')) : exchange.path();
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(exchange.method()), response.build());
        assertFalse(report.hasErrors(), () -> name + " does not allow " + exchange + ":\n" + report);
        String requestId = exchange.header("X-Request-Id");
        assertTrue(requestId != null && !requestId.isEmpty(), () -> "no X-Request-Id on " + exchange);
        if (exchange.status() >= 400) {
            assertEquals("application/json", exchange.header("Content-Type"), () -> "error without JSON: " + exchange);
        }
    }
}
