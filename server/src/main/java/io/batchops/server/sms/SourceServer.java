package io.batchops.server.sms;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * An SMS source server: the machine being migrated, owned by an account (domain), as its agent
 * registered it. Fixtures may leave out everything but id, domain_id and state.
 */
public record SourceServer(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("state") SourceServerState state,
        @JsonProperty("connected") boolean connected,
        @JsonProperty("ip") String ip,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("os_type") String osType,
        @JsonProperty("os_version") String osVersion,
        @JsonProperty("firmware") String firmware,
        @JsonProperty("cpu_quantity") Integer cpuQuantity,
        @JsonProperty("memory") Long memory,
        @JsonProperty("agent_version") String agentVersion,
        @JsonProperty("kernel_version") String kernelVersion,
        @JsonProperty("oem_system") Boolean oemSystem,
        @JsonProperty("add_date") Long addDate,
        @JsonProperty("migration_cycle") String migrationCycle) {
    public SourceServer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domainId, "domain_id");
        Objects.requireNonNull(state, "state");
        name = name == null ? id : name;
        ip = ip == null ? "" : ip;
        osType = osType == null ? "LINUX" : osType;
        addDate = addDate == null ? System.currentTimeMillis() : addDate;
    }

    /** A server known only by what the deletion rules look at. */
    public SourceServer(String id, String domainId, String name, SourceServerState state, boolean connected) {
        this(id, domainId, name, state, connected, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A server as {@code registration} describes it, connected, registered at {@code addDate} (now if null). */
    static SourceServer registered(String id, String domainId, SmsSourceService.Registration registration, Long addDate) {
        return new SourceServer(id, domainId, registration.name(), registration.state(), true, registration.ip(),
                registration.hostname(), registration.osType(), registration.osVersion(), registration.firmware(),
                registration.cpuQuantity(), registration.memory(), registration.agentVersion(),
                registration.kernelVersion(), registration.oemSystem(), addDate, registration.migrationCycle());
    }

    public SourceServer with(SourceServerState newState, boolean nowConnected) {
        return new SourceServer(id, domainId, name, newState, nowConnected, ip, hostname, osType, osVersion, firmware,
                cpuQuantity, memory, agentVersion, kernelVersion, oemSystem, addDate, migrationCycle);
    }

    /** This server as its agent reports it: in {@code newState}, at step {@code newMigrationCycle} (null: kept). */
    public SourceServer reported(SourceServerState newState, String newMigrationCycle) {
        return new SourceServer(id, domainId, name, newState, connected, ip, hostname, osType, osVersion, firmware,
                cpuQuantity, memory, agentVersion, kernelVersion, oemSystem, addDate,
                newMigrationCycle == null ? migrationCycle : newMigrationCycle);
    }

    /** The service's constraint: a connected server in a busy state keeps its tasks. */
    public boolean blocksTaskDeletion() {
        return connected && state.blocksTaskDeletion();
    }
}
