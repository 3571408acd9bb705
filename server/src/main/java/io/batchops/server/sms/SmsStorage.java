package io.batchops.server.sms;

import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;

/** Where SMS keeps its accounts: the store, seen from SMS (which does not depend on how it stores). */
public interface SmsStorage {

    /** Runs {@code work} as one unit over an SMS account's (domain's) source servers and tasks. */
    <T> T inAccount(String domainId, Function<SmsAccount, T> work);

    /**
     * Runs {@code work} as one unit that changes only the tasks named and reads, besides them, only
     * records it names by id: units on other tasks of the account need not wait for it (a store shared
     * by instances lets them run at once), units over the whole account do.
     */
    default <T> T onTasks(String domainId, Collection<String> taskIds, Function<SmsAccount, T> work) {
        return inAccount(domainId, work);
    }

    /** The time moves under way are measured by: the database's, where several instances share one. */
    Clock clock();
}
