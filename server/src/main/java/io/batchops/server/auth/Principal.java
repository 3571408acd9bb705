package io.batchops.server.auth;

import io.batchops.server.errors.ApiException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling: an IAM user of an SMS account (domain), the DRS projects it may reach, with the
 * actions it is allowed. The tenant boundary of every operation comes from here, never from the
 * request. A token scoped to one project is a principal narrowed to that project.
 */
public final class Principal implements java.security.Principal {
    private final String name;
    private final String domainId;
    private final String domainName;
    private final List<Project> regionProjects;
    private final Set<String> projects;
    private final Set<Action> actions;

    public Principal(String name, String domainId, String domainName, List<Project> regionProjects, Set<Action> actions) {
        this.name = name;
        this.domainId = domainId;
        this.domainName = domainName == null ? name : domainName;
        this.regionProjects = List.copyOf(regionProjects);
        this.projects = regionProjects.stream().map(Project::id).collect(Collectors.toUnmodifiableSet());
        this.actions = Set.copyOf(actions);
    }

    public String name() {
        return name;
    }

    @Override
    public String getName() {
        return name;
    }

    public String domainId() {
        return domainId;
    }

    /** The account's name, as a password's {@code domain.name} gives it. */
    public String domainName() {
        return domainName;
    }

    /** The ids of the projects it may reach. */
    public Set<String> projects() {
        return projects;
    }

    /** Its projects with their region names. */
    public List<Project> regionProjects() {
        return regionProjects;
    }

    public Set<Action> actions() {
        return actions;
    }

    /** The same user, reaching only {@code project} (a project-scoped token), or no project (an account-scoped one). */
    public Principal scopedTo(Project project) {
        return new Principal(name, domainId, domainName, project == null ? List.of() : List.of(project), actions);
    }

    /** Refuses, with the service's permission error, unless this principal may do {@code action}. */
    public void require(Action action, String resource) {
        if (!actions.contains(action)) {
            throw ApiException.permissionDenied(action.family(), action.id(), resource);
        }
    }

    @Override
    public String toString() {
        return "Principal[" + name + ", domain " + domainId + "]";
    }
}
