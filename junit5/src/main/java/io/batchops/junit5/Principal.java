package io.batchops.junit5;

/**
 * Who the test calls batchops as: a principal's name, its SMS account (domain id) and DRS project,
 * its token and its access key pair. Without a credentials file, the development principal.
 */
public record Principal(String name, String domainId, String projectId, String token, String accessKey,
        String secretKey) {

    @Override
    public String toString() {
        // The secret key stays out of test reports.
        return "Principal[name=" + name + ", domainId=" + domainId + ", projectId=" + projectId + ", accessKey="
                + accessKey + "]";
    }
}
