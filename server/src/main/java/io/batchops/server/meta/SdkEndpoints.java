package io.batchops.server.meta;

import io.batchops.admin.model.DrsRegionId;
import io.batchops.admin.model.SmsRegionId;
import io.batchops.server.auth.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What points code written with the official SDK at a batchops without a change: the SDK core reads
 * a service's endpoint for a region from {@code HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION}} (or a
 * regions file), IAM's from {@code HUAWEICLOUD_SDK_IAM_ENDPOINT}, and credentials from
 * {@code HUAWEICLOUD_SDK_AK} / {@code _SK} (API Explorer's samples from {@code CLOUD_SDK_AK} /
 * {@code _SK}). The regions are admin.yaml's lists of the SDK's.
 */
public final class SdkEndpoints {
    public static final String IAM_ENDPOINT = "HUAWEICLOUD_SDK_IAM_ENDPOINT";
    public static final String REGIONS_FILE = "HUAWEICLOUD_SDK_REGIONS_FILE";

    private SdkEndpoints() {
    }

    /**
     * The variables, in a stable order, for a server at {@code baseUrl}; the development principal's
     * access key pair too when {@code development} (its secret is public anyway).
     */
    public static Map<String, String> variables(String baseUrl, boolean development) {
        String endpoint = withoutTrailingSlash(baseUrl);
        Map<String, String> variables = new LinkedHashMap<>();
        regions().forEach((service, ids) -> ids.forEach(id -> variables.put(
                "HUAWEICLOUD_SDK_REGION_" + service.toUpperCase(Locale.ROOT) + "_"
                        + id.toUpperCase(Locale.ROOT).replace('-', '_'), endpoint)));
        variables.put(IAM_ENDPOINT, endpoint);
        if (development) {
            variables.put("HUAWEICLOUD_SDK_AK", Credentials.DEVELOPMENT_AK);
            variables.put("HUAWEICLOUD_SDK_SK", Credentials.DEVELOPMENT_SK);
            // What API Explorer's samples read the pair from.
            variables.put("CLOUD_SDK_AK", Credentials.DEVELOPMENT_AK);
            variables.put("CLOUD_SDK_SK", Credentials.DEVELOPMENT_SK);
        }
        return variables;
    }

    /** The same endpoints as the SDK's regions file (YAML: a list of {@code id}, {@code endpoint} per service). */
    public static String regionsFile(String baseUrl) {
        String endpoint = withoutTrailingSlash(baseUrl);
        StringBuilder yaml = new StringBuilder("# Written by batchops: every SMS and DRS region of the SDK, served at ")
                .append(endpoint).append('\n');
        regions().forEach((service, ids) -> {
            yaml.append(service).append(":\n");
            ids.forEach(id -> yaml.append("  - id: ").append(id).append("\n    endpoint: ").append(endpoint).append('\n'));
        });
        return yaml.toString();
    }

    /** The variables as shell exports, one a line. */
    public static String exports(Map<String, String> variables) {
        StringBuilder lines = new StringBuilder();
        variables.forEach((name, value) -> lines.append("export ").append(name).append("='").append(value).append("'\n"));
        return lines.toString();
    }

    private static Map<String, List<String>> regions() {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        regions.put("sms", Stream.of(SmsRegionId.values()).map(SmsRegionId::toString).toList());
        regions.put("drs", Stream.of(DrsRegionId.values()).map(DrsRegionId::toString).toList());
        return regions;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
