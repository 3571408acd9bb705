package io.batchops.junit5;

import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsControl;
import io.batchops.client.admin.model.RecordedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What holds a running batchops (the JUnit extension, the Testcontainers module) gives a test, the
 * same way: each handle is {@link #batchops()}'s.
 */
public interface RunningBatchops {
    /** The running batchops; fails when it is not running. */
    Batchops batchops();

    /** Where batchops listens, as {@code http://HOST:PORT}. */
    default String baseUrl() {
        return batchops().baseUrl();
    }

    /** The control API's token ({@code X-Batchops-Admin-Token}), for raw requests to it. */
    default String adminToken() {
        return batchops().adminToken();
    }

    /** The principal the clients act as, with its token, access key pair, account and project. */
    default Principal principal() {
        return batchops().principal();
    }

    /** The control API in Java: state, fixtures, timing, faults, the journal. */
    default BatchopsControl control() {
        return batchops().control();
    }

    /** The generated client, with the principal's token. */
    default BatchopsClient client() {
        return batchops().client();
    }

    /** The official SDK's SMS client, signing with the principal's access key, in its account. */
    default SmsClient sms() {
        return batchops().sms();
    }

    /** The official SDK's DRS client, signing with the principal's access key, in its project. */
    default DrsClient drs() {
        return batchops().drs();
    }

    /** A builder of state in the principal's account and project; {@link Given#load()} adds it. */
    default Given given() {
        return batchops().given();
    }

    /** See {@link Batchops#environment()}. */
    default Map<String, String> environment() {
        return batchops().environment();
    }

    /** Writes the official SDK's regions file for this batchops, for {@code HUAWEICLOUD_SDK_REGIONS_FILE}. */
    default void writeRegionsFile(Path file) {
        batchops().writeRegionsFile(file);
    }

    /** The requests in the journal that match {@code pattern}, oldest first. */
    default List<RecordedRequest> requests(RequestPattern pattern) {
        return batchops().requests(pattern);
    }

    /** At least one request in the journal matches {@code pattern}; otherwise fails, listing the closest. */
    default void verify(RequestPattern pattern) {
        batchops().verify(pattern);
    }

    /** Exactly {@code times} requests in the journal match {@code pattern}; otherwise fails, listing the closest. */
    default void verify(int times, RequestPattern pattern) {
        batchops().verify(times, pattern);
    }
}
