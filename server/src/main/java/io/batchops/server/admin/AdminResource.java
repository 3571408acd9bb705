package io.batchops.server.admin;

import io.batchops.admin.api.AdminApi;
import io.batchops.admin.model.Clock;
import io.batchops.admin.model.ClockChange;
import io.batchops.admin.model.Fixtures;
import io.batchops.admin.model.JobStatusChange;
import io.batchops.admin.model.SourceState;
import io.batchops.admin.model.TaskStateChange;
import io.batchops.server.auth.AdminOnly;
import io.batchops.server.drs.DrsJobService;
import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.InputProblem;
import io.batchops.server.errors.UnavailableException;
import io.batchops.server.json.Json;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTaskState;
import io.batchops.server.store.Store;
import io.batchops.server.timing.ControlClock;
import io.batchops.server.timing.MoveTiming;
import io.batchops.server.timing.MoveClock;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** {@code /_batchops/...}: the emulator's state and timing, set by tests. */
@AdminOnly
public final class AdminResource implements AdminApi {
    private final Store store;
    private final MoveClock moveClock;
    private final ControlClock clock;
    private final DrsJobService drsJobs;

    public AdminResource(Store store, MoveClock moveClock, ControlClock clock, DrsJobService drsJobs) {
        this.store = store;
        this.moveClock = moveClock;
        this.clock = clock;
        this.drsJobs = drsJobs;
    }

    @Override
    public Response getClock(String adminToken) {
        return Response.ok(clock()).build();
    }

    @Override
    public Response setClock(ClockChange change, String adminToken) {
        clock.setOffset(Duration.ofSeconds(change.getOffsetSeconds()));
        // What the new time has expired is gone now, not at the next round of the expiry. A store that
        // cannot serve now forgets them later; until then every read finds them expired all the same.
        try {
            drsJobs.forgetExpired();
        } catch (UnavailableException e) {
            // The clock has moved, which is what was asked.
        }
        return Response.ok(clock()).build();
    }

    private Clock clock() {
        return new Clock().now(clock.instant().toString()).offsetSeconds(clock.offset().toSeconds())
                .deletedJobRetentionSeconds(drsJobs.retention().keep().toSeconds());
    }

    @Override
    public Response reset(String adminToken) {
        store.clear();
        return Response.noContent().build();
    }

    @Override
    public Response exportState(String adminToken) {
        return Response.ok(Json.MAPPER.convertValue(store.snapshot(), Fixtures.class)).build();
    }

    @Override
    public Response importState(Fixtures state, String adminToken) {
        // Read whole before anything is forgotten: a document the store refuses changes nothing.
        io.batchops.server.store.StoredState replacement = convert(state, io.batchops.server.store.StoredState.class);
        store.clear();
        replacement.loadInto(store, drsJobs.retention().clock().instant());
        return Response.noContent().build();
    }

    @Override
    public Response loadFixtures(Fixtures fixtures, String adminToken) {
        // The control API's schema is the seed file's format: one reader for both.
        convert(fixtures, io.batchops.server.store.StoredState.class).loadInto(store, drsJobs.retention().clock().instant());
        return Response.noContent().build();
    }

    @Override
    public Response setSourceState(String domainId, String sourceId, SourceState change, String adminToken) {
        store.inAccount(domainId, account -> {
            account.put(account.source(sourceId)
                    .orElseThrow(() -> ApiException.of(ErrorCode.ADMIN_NOT_FOUND, "Source server " + domainId + "/" + sourceId))
                    .with(MigrationSourceState.of(change.getState().toString()), change.getConnected()));
            return null;
        });
        return Response.noContent().build();
    }

    @Override
    public Response setTaskState(String domainId, String taskId, TaskStateChange change, String adminToken) {
        store.inAccount(domainId, account -> {
            account.put(account.task(taskId)
                    .orElseThrow(() -> ApiException.of(ErrorCode.ADMIN_NOT_FOUND, "Task " + domainId + "/" + taskId))
                    .with(MigrationTaskState.valueOf(change.getState().toString())));
            return null;
        });
        return Response.noContent().build();
    }

    @Override
    public Response setJobStatus(String projectId, String jobId, JobStatusChange change, String adminToken) {
        store.inProject(projectId, project -> {
            project.put(project.job(jobId)
                    .orElseThrow(() -> ApiException.of(ErrorCode.ADMIN_NOT_FOUND, "Job " + projectId + "/" + jobId))
                    .withStatus(DrsJobStatus.valueOf(change.getStatus().toString()), drsJobs.retention().clock().instant()));
            return null;
        });
        return Response.noContent().build();
    }

    @Override
    public Response getTiming(String adminToken) {
        return Response.ok(timing(moveClock.timing())).build();
    }

    @Override
    public Response setTiming(io.batchops.admin.model.Timing timing, String adminToken) {
        MoveTiming wanted = convert(timing, MoveTiming.class);
        moveClock.setTiming(wanted);
        return Response.ok(timing(wanted)).build();
    }

    /** The request's model as the store's; what the store refuses (a rule across fields) is bad input. */
    private static <T> T convert(Object model, Class<T> type) {
        try {
            return Json.MAPPER.convertValue(model, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw ApiException.invalidInput(Family.ADMIN, InputProblem.INVALID, "body", cause.getMessage());
        }
    }

    private static io.batchops.admin.model.Timing timing(MoveTiming timing) {
        return Json.MAPPER.convertValue(timing, io.batchops.admin.model.Timing.class);
    }
}
