package io.batchops.server.journal;

import io.batchops.server.auth.CloudApi;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;

/** Puts a {@link JournalFilter} in front of every service operation, knowing its operationId (the method's name). */
public final class JournalFeature implements DynamicFeature {
    private final Journal journal;
    private final Clock clock;

    public JournalFeature(Journal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceClass().isAnnotationPresent(CloudApi.class)) {
            context.register(new JournalFilter(journal, clock, resource.getResourceMethod().getName()));
        }
    }
}
