package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official Huawei Cloud SDK's request signature, with any of its {@link SigningAlgorithm}s,
 * recomputed from the request as received and checked in constant time. The algorithm is in the
 * specs' descriptions. Failures say what is wrong, never what the signature should have been.
 */
public final class SdkSignature {
    public static final String DATE_HEADER = "X-Sdk-Date";
    /** How far {@code X-Sdk-Date} may be from the server's clock, either way. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    /** An HMAC is 64 hex digits; a DER-encoded ECDSA or SM2 signature at most 144. */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(SDK-[A-Z0-9-]+) +Access=([^, ]+), *SignedHeaders=([^, ]+), *Signature=([0-9a-fA-F]{64,144})");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Headers the signature must cover, or the request could be replayed or redirected. */
    private static final List<String> REQUIRED_SIGNED = List.of("host", "x-sdk-date");

    private final SigningAlgorithm algorithm;
    private final String accessKey;
    private final List<String> signedHeaders;
    private final String signature;

    private SdkSignature(SigningAlgorithm algorithm, String accessKey, List<String> signedHeaders, String signature) {
        this.algorithm = algorithm;
        this.accessKey = accessKey;
        this.signedHeaders = signedHeaders;
        this.signature = signature;
    }

    /** Reads an {@code Authorization} header; anything but a well-formed SDK signature is a 401. */
    public static SdkSignature parse(String authorization) {
        Matcher matcher = AUTHORIZATION.matcher(authorization == null ? "" : authorization.trim());
        SigningAlgorithm algorithm = matcher.matches() ? SigningAlgorithm.ofId(matcher.group(1)).orElse(null) : null;
        if (algorithm == null) {
            throw unauthorized("Authorization is not a signature of the SDK (" + SigningAlgorithm.names() + ")");
        }
        List<String> signed = Arrays.asList(matcher.group(3).toLowerCase(Locale.ROOT).split(";"));
        for (String required : REQUIRED_SIGNED) {
            if (!signed.contains(required)) {
                throw unauthorized("SignedHeaders must include " + required);
            }
        }
        // Canonical order, as the SDK signs them.
        return new SdkSignature(algorithm, matcher.group(2), List.copyOf(new java.util.TreeSet<>(signed)),
                matcher.group(4).toLowerCase(Locale.ROOT));
    }

    /**
     * What the server signed for a request: the canonical request and the string to sign (neither
     * holds the secret or the signature), handed out only when the signature did not match.
     */
    public record Computed(String canonicalRequest, String stringToSign) {
    }

    public String accessKey() {
        return accessKey;
    }

    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * Checks the signature of a request against {@code secret}, and its date against {@code now}.
     *
     * @param rawPath the path as sent, still percent-encoded
     * @param rawQuery the query as sent, or null
     * @param header a request header's value by name (case-insensitive), or null when absent
     * @param mismatched told what the server signed, when the signature does not match
     */
    public void verify(byte[] secret, String method, String rawPath, String rawQuery, Function<String, String> header,
            byte[] body, Instant now, java.util.function.Consumer<Computed> mismatched) {
        String date = header.apply(DATE_HEADER);
        Instant signedAt;
        try {
            signedAt = Instant.from(DATE.parse(date == null ? "" : date));
        } catch (DateTimeParseException e) {
            throw unauthorized("X-Sdk-Date is missing or not yyyyMMddTHHmmssZ");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw unauthorized("X-Sdk-Date is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes from the server's clock");
        }
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = header.apply(name);
            if (value == null) {
                throw unauthorized("signed header " + name + " is missing");
            }
            headers.append(name).append(':').append(value).append('\n');
        }
        String canonicalRequest = String.join("\n", method, canonicalPath(rawPath), canonicalQuery(rawQuery),
                headers.toString(), String.join(";", signedHeaders), algorithm.hashHex(body));
        String stringToSign = String.join("\n", algorithm.id(), date,
                algorithm.hashHex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        if (signature.length() % 2 != 0
                || !algorithm.verify(accessKey, secret, stringToSign, HexFormat.of().parseHex(signature))) {
            mismatched.accept(new Computed(canonicalRequest, stringToSign));
            throw unauthorized("verify aksk signature fail");
        }
    }

    /**
     * Each segment of the path as sent encoded once more, as the SDK encodes the segments of its URL's
     * path; always ends in a slash.
     */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : rawPath.split("/")) {
            path.append(encode(segment)).append('/');
        }
        return path.charAt(0) == '/' ? path.toString() : "/" + path;
    }

    /**
     * The query as the SDK signed it: each name and value percent-decoded from what was sent, then
     * encoded as the SDK's signer encodes them; parameters sorted by name, a repeated name's values in
     * the order sent (as the SDK's signer keeps them).
     */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = encode(decode(equals < 0 ? pair : pair.substring(0, equals)));
            String value = equals < 0 ? "" : encode(decode(pair.substring(equals + 1)));
            sorted.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, values) -> values.forEach(value -> parts.add(name + "=" + value)));
        return String.join("&", parts);
    }

    /** Percent-decoding only: in a URI's query a {@code +} is itself, not a space. */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the query is not validly percent-encoded");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }



    private static ApiException unauthorized(String reason) {
        return ApiException.of(ErrorCode.GATEWAY_UNAUTHORIZED, reason);
    }

    @Override
    public String toString() {
        // Never the signature itself: it is as good as the request for the clock-skew window.
        return algorithm.id() + "[Access=" + accessKey + ", SignedHeaders=" + String.join(";", signedHeaders) + "]";
    }
}
