package io.batchops.server.sms;

import java.time.Clock;
import java.util.function.Function;

/** Where SMS keeps its accounts: the store, seen from SMS (which does not depend on how it stores). */
public interface SmsStorage {

    /** Runs {@code work} as one unit over an SMS account's (domain's) source servers and tasks. */
    <T> T inAccount(String domainId, Function<SmsAccount, T> work);

    /** The time moves under way are measured by: the database's, where several instances share one. */
    Clock clock();
}
