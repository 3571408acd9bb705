package io.batchops.server.sms;

import io.batchops.server.auth.Action;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.InputProblem;
import io.batchops.server.timing.MoveClock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * SMS source servers: registered by their agents, reported on by them, listed, shown and deleted by
 * their account. Deleting servers is all or nothing, by the same rule as deleting their tasks.
 */
public final class SmsSourceService {
    /** The states ShowOverview counts, in its order. */
    private static final List<MigrationSourceState> OVERVIEW = List.of(MigrationSourceState.WAITING,
            MigrationSourceState.REPLICATE, MigrationSourceState.SYNCING, MigrationSourceState.STOPPED, MigrationSourceState.DELETING,
            MigrationSourceState.CUTOVERING, MigrationSourceState.UNAVAILABLE, MigrationSourceState.STOPPING,
            MigrationSourceState.SKIPPING, MigrationSourceState.FINISHED, MigrationSourceState.INITIALIZE, MigrationSourceState.ERROR,
            MigrationSourceState.CLONING);

    private final SmsStorage store;
    private final SmsObserver observer;

    public SmsSourceService(SmsStorage store, MoveClock moveClock) {
        this.store = store;
        this.observer = new SmsObserver(moveClock);
    }

    /** What a listing matches; null fields match everything. */
    public record Filter(String state, String name, String id, String ip, Boolean connected, String migrationCycle,
            Boolean consistencyResultExists, String enterpriseProjectId) {
        Predicate<MigrationSource> predicate() {
            // No server has a consistency check result here, and every one is in the default enterprise project.
            boolean none = Boolean.TRUE.equals(consistencyResultExists) || !EnterpriseProjects.matchesDefault(enterpriseProjectId);
            return source -> !none
                    && (state == null || state.equals(source.state().wireName()))
                    && (name == null || source.name().contains(name))
                    && (id == null || id.equals(source.id()))
                    && (ip == null || ip.equals(source.ip()))
                    && (connected == null || connected == source.connected())
                    && (migrationCycle == null || migrationCycle.equals(source.migrationCycle()));
        }
    }

    /**
     * What an agent registers: the server as it describes itself, the id of a server of the account to
     * register again (or none), and the account it claims (or none).
     */
    public record Registration(String id, String claimedDomain, String name, MigrationSourceState state, String ip,
            String hostname, String osType, String osVersion, String firmware, Integer cpuQuantity, Long memory,
            String agentVersion, String kernelVersion, Boolean oemSystem, String migrationCycle) {
    }

    /**
     * Registers a server in the caller's account, connected; with the id of a server of the account,
     * registers it again under that id, keeping its registration date.
     */
    public String register(Principal caller, Registration registration) {
        caller.require(Action.SMS_SERVER_REGISTER, resource(caller));
        if (registration.claimedDomain() != null && !registration.claimedDomain().equals(caller.domainId())) {
            throw ApiException.invalidInput(Family.SMS, InputProblem.INVALID, "domain_id", "is not the caller's account");
        }
        String serverId = registration.id() == null || registration.id().isEmpty() ? UUID.randomUUID().toString()
                : registration.id();
        return store.inAccount(caller.domainId(), account -> {
            Long registered = account.source(serverId).map(MigrationSource::addDate).orElse(null);
            account.put(MigrationSource.registered(serverId, caller.domainId(), registration, registered));
            return serverId;
        });
    }

    public Page<MigrationSource> list(Principal caller, Filter filter, Integer limit, Integer offset) {
        caller.require(Action.SMS_SERVER_LIST, resource(caller));
        List<MigrationSource> matching = store.inAccount(caller.domainId(),
                account -> observer.sources(account).stream().filter(filter.predicate()).toList());
        return Page.of(matching, limit, offset);
    }

    public MigrationSource show(Principal caller, String id) {
        caller.require(Action.SMS_SERVER_LIST, resource(caller));
        return store.inAccount(caller.domainId(), account -> observer.source(account, id))
                .orElseThrow(() -> notFound(id));
    }

    /** How many servers are in each state ShowOverview names, then how many have no task ({@code unconfigured}). */
    public Map<String, Integer> overview(Principal caller) {
        caller.require(Action.SMS_SERVER_LIST, resource(caller));
        return store.inAccount(caller.domainId(), account -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            OVERVIEW.forEach(state -> counts.put(state.wireName(), 0));
            Set<String> withTasks = new HashSet<>();
            account.allTasks().forEach(task -> withTasks.add(task.sourceId()));
            int unconfigured = 0;
            for (MigrationSource source : observer.sources(account)) {
                counts.computeIfPresent(source.state().wireName(), (state, count) -> count + 1);
                unconfigured += withTasks.contains(source.id()) ? 0 : 1;
            }
            counts.put("unconfigured", unconfigured);
            return counts;
        });
    }

    /**
     * What the agent reports: the server's state (null: kept) and step of the migration (null: kept).
     * The report moves the server's tasks on: syncing, finished, or failed.
     */
    public void reportCopyState(Principal caller, String id, MigrationSourceState state, String migrationCycle) {
        caller.require(Action.SMS_SERVER_UPDATE, resource(caller));
        store.inAccount(caller.domainId(), account -> {
            MigrationSource source = observer.source(account, id).orElseThrow(() -> notFound(id));
            account.put(source.reported(state == null ? source.state() : state, migrationCycle));
            if (state != null) {
                observer.tasks(account).stream().filter(task -> task.sourceId().equals(id))
                        .forEach(task -> progress(task, state).ifPresent(account::put));
            }
            return null;
        });
    }

    /** A task after its agent reports {@code state}, if the report changes it. */
    private java.util.Optional<MigrationTask> progress(MigrationTask task, MigrationSourceState state) {
        boolean migrating = task.state() == MigrationTaskState.RUNNING || task.state() == MigrationTaskState.SYNCING;
        return java.util.Optional.ofNullable(switch (state) {
            case SYNCING -> task.state() == MigrationTaskState.RUNNING ? task.with(MigrationTaskState.SYNCING) : null;
            case FINISHED -> migrating ? task.finished(MigrationTaskState.MIGRATE_SUCCESS, observer.now()) : null;
            case ERROR -> migrating ? task.finished(MigrationTaskState.MIGRATE_FAIL, observer.now()) : null;
            default -> null;
        });
    }

    /**
     * Deletes every server named and its tasks, or nothing: a permission, an unknown id or a server
     * that blocks deletion refuses the whole batch. Ids named twice are deleted once.
     */
    public void deleteServers(Principal caller, List<String> ids) {
        caller.require(Action.SMS_SERVER_DELETE, resource(caller));
        Set<String> unique = new LinkedHashSet<>(ids);
        store.inAccount(caller.domainId(), account -> {
            Map<String, MigrationSource> found = observer.sources(account, unique);
            List<String> missing = new ArrayList<>();
            List<String> blocked = new ArrayList<>();
            for (String id : unique) {
                MigrationSource source = found.get(id);
                if (source == null) {
                    missing.add(id);
                } else if (source.blocksTaskDeletion()) {
                    blocked.add(id);
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.withParams(ErrorCode.SMS_SOURCES_NOT_FOUND, missing, missing.size());
            }
            if (!blocked.isEmpty()) {
                throw ApiException.withParams(ErrorCode.SMS_SOURCE_NOT_DELETABLE, blocked, blocked.size());
            }
            account.allTasks().stream().filter(task -> unique.contains(task.sourceId()))
                    .forEach(task -> account.removeTask(task.id()));
            unique.forEach(account::removeSource);
            return null;
        });
    }

    private static ApiException notFound(String id) {
        return ApiException.withParams(ErrorCode.SMS_SOURCE_NOT_FOUND, List.of(id), id);
    }

    private static String resource(Principal caller) {
        return "sms::" + caller.domainId() + ":server:*";
    }
}
