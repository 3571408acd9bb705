package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import java.util.Set;

/**
 * Who is calling: an SMS account (domain) and the DRS projects it belongs to, with the actions it is
 * allowed. The tenant boundary of every operation comes from here, never from the request.
 */
public record Principal(String name, String domainId, Set<String> projects, Set<Action> actions)
        implements java.security.Principal {

    public Principal {
        projects = Set.copyOf(projects);
        actions = Set.copyOf(actions);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Refuses, with the service's permission error, unless this principal may do {@code action}. */
    public void require(Action action, String resource) {
        if (!actions.contains(action)) {
            throw ApiException.permissionDenied(action.family(), action.id(), resource);
        }
    }
}
