package io.batchops.server.sms;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.timing.Move;
import io.batchops.server.timing.MoveTiming;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;

/**
 * An SMS source server: the machine being migrated, owned by an account (domain), as its agent
 * registered it. {@code move}, when set, is a change of state under way (stopping to stopped,
 * clearing to cleared, cloning and back) that ends as the {@link MoveTiming} decides. Fixtures may leave
 * out everything but id, domain_id and state.
 */
@RecordBuilder
public record MigrationSource(
        @JsonProperty("id") String id,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("name") String name,
        @JsonProperty("state") MigrationSourceState state,
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
        @JsonProperty("migration_cycle") String migrationCycle,
        @JsonIgnore Move<MigrationSourceState> move) {
    public MigrationSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(domainId, "domain_id");
        Objects.requireNonNull(state, "state");
        name = name == null ? id : name;
        ip = ip == null ? "" : ip;
        osType = osType == null ? "LINUX" : osType;
        addDate = addDate == null ? System.currentTimeMillis() : addDate;
    }

    /** A server of {@code domainId}, the rest to be set (fixtures leave it out). */
    public static MigrationSourceBuilder builder(String id, String domainId) {
        return MigrationSourceBuilder.builder().id(id).domainId(domainId);
    }

    /** A server as {@code registration} describes it, connected, registered at {@code addDate} (now if null). */
    static MigrationSource registered(String id, String domainId, SmsSourceService.Registration registration, Long addDate) {
        return builder(id, domainId).name(registration.name()).state(registration.state()).connected(true)
                .ip(registration.ip()).hostname(registration.hostname()).osType(registration.osType())
                .osVersion(registration.osVersion()).firmware(registration.firmware())
                .cpuQuantity(registration.cpuQuantity()).memory(registration.memory())
                .agentVersion(registration.agentVersion()).kernelVersion(registration.kernelVersion())
                .oemSystem(registration.oemSystem()).addDate(addDate).migrationCycle(registration.migrationCycle()).build();
    }

    /** This server in {@code newState}, connected or not, with no move under way. */
    public MigrationSource with(MigrationSourceState newState, boolean nowConnected) {
        return with(newState, nowConnected, migrationCycle, null);
    }

    /** This server as its agent reports it: in {@code newState}, at step {@code newMigrationCycle} (null: kept). */
    public MigrationSource reported(MigrationSourceState newState, String newMigrationCycle) {
        return with(newState, connected, newMigrationCycle == null ? migrationCycle : newMigrationCycle, null);
    }

    /** This server passing through {@code through} on its way to {@code to}, from {@code now}. */
    MigrationSource moving(MigrationSourceState through, MigrationSourceState to, Instant now) {
        return with(through, connected, migrationCycle, Move.toward(to, now));
    }

    /** This server as a read at {@code now} finds it: a move under way is over once {@code timing} says so. */
    MigrationSource observed(MoveTiming timing, Instant now) {
        if (move == null) {
            return this;
        }
        return move.afterRead(timing, now)
                .map(stillMoving -> with(state, connected, migrationCycle, stillMoving))
                .orElseGet(() -> with(move.to(), connected, migrationCycle, null));
    }

    /** This server with {@code newMove} under way (null: none), everything else kept: as a store gives it back. */
    public MigrationSource withMove(Move<MigrationSourceState> newMove) {
        return with(state, connected, migrationCycle, newMove);
    }

    private MigrationSource with(MigrationSourceState newState, boolean nowConnected, String newMigrationCycle,
            Move<MigrationSourceState> newMove) {
        return MigrationSourceBuilder.builder(this).state(newState).connected(nowConnected).migrationCycle(newMigrationCycle)
                .move(newMove).build();
    }

    /** The service's constraint: a connected server in a busy state keeps its tasks. */
    public boolean blocksTaskDeletion() {
        return connected && state.blocksTaskDeletion();
    }
}
