package io.batchops.server.sms;

import io.batchops.server.auth.Action;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.InputProblem;
import io.batchops.server.store.Store;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** SMS source servers: registered by their agents, listed and shown to their account. */
public final class SmsSourceService {
    private final Store store;

    public SmsSourceService(Store store) {
        this.store = store;
    }

    /** What a listing matches; null fields match everything. */
    public record Filter(String state, String name, String id, String ip, Boolean connected, String migrationCycle,
            Boolean consistencyResultExists, String enterpriseProjectId) {
        Predicate<SourceServer> predicate() {
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
    public record Registration(String id, String claimedDomain, String name, SourceServerState state, String ip,
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
            Long registered = account.source(serverId).map(SourceServer::addDate).orElse(null);
            account.put(SourceServer.registered(serverId, caller.domainId(), registration, registered));
            return serverId;
        });
    }

    public Page<SourceServer> list(Principal caller, Filter filter, Integer limit, Integer offset) {
        caller.require(Action.SMS_SERVER_LIST, resource(caller));
        List<SourceServer> matching = store.inAccount(caller.domainId(),
                account -> account.sources().stream().filter(filter.predicate()).toList());
        return Page.of(matching, limit, offset);
    }

    public SourceServer show(Principal caller, String id) {
        caller.require(Action.SMS_SERVER_LIST, resource(caller));
        return store.inAccount(caller.domainId(), account -> account.source(id))
                .orElseThrow(() -> ApiException.withParams(ErrorCode.SMS_SOURCE_NOT_FOUND, List.of(id), id));
    }

    private static String resource(Principal caller) {
        return "sms::" + caller.domainId() + ":server:*";
    }
}
