package com.example.cleanup;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import java.util.List;

/** Deletes finished migration tasks in batches, and retries a batch the gateway throttled. */
public final class MigrationCleaner {
    private static final int BATCH = 50;
    private static final int ATTEMPTS = 3;
    private final SmsClient sms;

    public MigrationCleaner(SmsClient sms) {
        this.sms = sms;
    }

    public void deleteTasks(List<String> ids) throws InterruptedException {
        for (int from = 0; from < ids.size(); from += BATCH) {
            deleteBatch(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
    }

    private void deleteBatch(List<String> ids) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                sms.deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(ids)));
                return;
            } catch (ServiceResponseException e) {
                if (e.getHttpStatusCode() != 429 || attempt == ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }
}
