package io.batchops.contract.harness;

import com.huaweicloud.sdk.core.auth.AKSKSignerFactory;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.auth.SigningAlgorithm;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The official Huawei Cloud SDK, unchanged, pointed at the server under test: its clients, and its
 * own request signer for raw requests that a test then tampers with.
 */
public final class Sdk {
    private static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Sdk() {
    }

    /** An SMS client of the test server. */
    public static SmsClient sms(TestServer.AccessKey key, String domainId) {
        return sms(TestServer.uri().toString(), key, domainId);
    }

    /**
     * An SMS client built with an endpoint and a domain id (a global service), one of the ways users
     * build one; {@code SdkEnvironmentTest} builds them from a region, with the ids asked of IAM.
     */
    public static SmsClient sms(String endpoint, TestServer.AccessKey key, String domainId) {
        return SmsClient.newBuilder()
                .withCredential(new GlobalCredentials().withAk(key.ak()).withSk(key.sk()).withDomainId(domainId))
                .withEndpoint(endpoint)
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .build();
    }

    /** A DRS client of the test server. */
    public static DrsClient drs(TestServer.AccessKey key, String projectId) {
        return drs(TestServer.uri().toString(), key, projectId);
    }

    /** A DRS v3 client built with an endpoint and a project id (a regional service); see {@link #sms}. */
    public static DrsClient drs(String endpoint, TestServer.AccessKey key, String projectId) {
        return DrsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(key.ak()).withSk(key.sk()).withProjectId(projectId))
                .withEndpoint(endpoint)
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .build();
    }

    public static String date(Instant instant) {
        return SDK_DATE.format(instant);
    }

    /**
     * The headers the SDK's signer adds to a request ({@code Authorization}, {@code X-Sdk-Date}), with
     * the given extra headers signed too; {@code Host} is left to the HTTP client, which sends the
     * same value.
     */
    private static String decode(String encoded) {
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static Map<String, String> sign(TestServer.AccessKey key, String method, String pathAndQuery, String body,
            Map<String, String> headers, Instant date) {
        return sign(key, method, pathAndQuery, "application/json", body, headers, date);
    }

    /**
     * As {@link #sign(TestServer.AccessKey, String, String, String, Map, Instant)}, for a body of
     * {@code contentType}, or none when that is null; the query is as sent, percent-encoded.
     */
    public static Map<String, String> sign(TestServer.AccessKey key, String method, String pathAndQuery, String contentType,
            String body, Map<String, String> headers, Instant date) {
        return sign(key, SigningAlgorithm.HMAC_SHA256, method, pathAndQuery, contentType, body, headers, date);
    }

    /** As the SDK signs with {@code algorithm} ({@code HttpConfig.withSigningAlgorithm}), a JSON body. */
    public static Map<String, String> sign(TestServer.AccessKey key, SigningAlgorithm algorithm, String method, String pathAndQuery,
            String body, Map<String, String> headers, Instant date) {
        return sign(key, algorithm, method, pathAndQuery, "application/json", body, headers, date);
    }

    /** The name of {@code algorithm} in an {@code Authorization} header, as the SDK's signer writes it. */
    public static String algorithmId(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case HMAC_SHA256 -> "SDK-HMAC-SHA256";
            case HMAC_SM3 -> "SDK-HMAC-SM3";
            case ECDSA_P256_SHA256 -> "SDK-ECDSA-P256-SHA256";
            case SM2_SM3 -> "SDK-SM2-SM3";
        };
    }

    private static Map<String, String> sign(TestServer.AccessKey key, SigningAlgorithm algorithm, String method,
            String pathAndQuery, String contentType, String body, Map<String, String> headers, Instant date) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        HttpRequest.HttpRequestBuilder request = HttpRequest.newBuilder()
                .withEndpoint(TestServer.uri().toString())
                .withPath(path)
                .withMethod(HttpMethod.valueOf(method))
                .withContentType(contentType)
                .withBodyAsString(body)
                .addHeader("X-Sdk-Date", date(date))
                .addHeaders(headers);
        if (pathAndQuery.contains("?")) {
            // The signer takes the values themselves, every value of a repeated key in one list.
            Map<String, java.util.List<String>> query = new LinkedHashMap<>();
            for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                query.computeIfAbsent(decode(parts[0]), name -> new java.util.ArrayList<>())
                        .add(parts.length > 1 ? decode(parts[1]) : "");
            }
            query.forEach(request::addQueryParam);
        }
        Map<String, String> signed = new LinkedHashMap<>(headers);
        // The signer adds X-Sdk-Date only when the request has none.
        signed.put("X-Sdk-Date", date(date));
        AKSKSignerFactory.getSigner(algorithm).sign(request.build(), new BasicCredentials().withAk(key.ak()).withSk(key.sk()))
                .forEach((name, value) -> {
                    if (!"Host".equalsIgnoreCase(name)) {
                        signed.put(name, value);
                    }
                });
        return signed;
    }
}
