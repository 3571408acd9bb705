package io.batchops.server.drs;

import io.batchops.server.auth.Action;
import io.batchops.server.auth.Principal;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.listing.Listing;
import io.batchops.server.timing.MoveClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * DRS jobs of a project: created, listed, queried, stopped and deleted. Each request is one unit of
 * work on the project; a job is read once per request, which is what the moves' timing counts.
 */
public final class DrsJobService {
    private final DrsStorage store;
    private final MoveClock moveClock;
    private final JobRetention retention;

    public DrsJobService(DrsStorage store, MoveClock moveClock, JobRetention retention) {
        this.store = store;
        this.moveClock = moveClock;
        this.retention = retention;
    }

    /** How long deleted jobs are kept, and by which clock. */
    public JobRetention retention() {
        return retention;
    }

    /** Forgets every deleted job kept its time, read or not, so that what is kept stays bounded; answers how many. */
    public long forgetExpired() {
        return store.removeJobsDeletedBy(retention.cutoffMillis(retention.now()));
    }

    /** What a listing matches, and how it is sorted; null fields match everything. */
    public record Query(String dbUseType, String engineType, String name, String netType, DrsJobStatus status,
            String sortKey, boolean descending) {
        /** Page {@code page} (from 1) of {@code perPage} matching jobs; every one when {@code perPage} is 0. */
        Listing<Job> listing(int page, int perPage) {
            List<Listing.Condition<Job>> conditions = new ArrayList<>();
            conditions.add(new Listing.Not<>(new Listing.Equal<>(JobFields.STATUS, DrsJobStatus.DELETED.name())));
            conditions.add(new Listing.Equal<>(JobFields.DB_USE_TYPE, dbUseType));
            if (engineType != null) {
                conditions.add(new Listing.Equal<>(JobFields.ENGINE_TYPE, engineType));
            }
            if (name != null) {
                conditions.add(new Listing.AnyOf<>(names()));
            }
            if (netType != null) {
                conditions.add(new Listing.Equal<>(JobFields.NET_TYPE, netType));
            }
            if (status != null) {
                conditions.add(new Listing.Equal<>(JobFields.STATUS, status.name()));
            }
            Listing.Field<Job> orderBy = switch (sortKey == null ? "create_time" : sortKey) {
                case "name" -> JobFields.NAME;
                case "status" -> JobFields.STATUS;
                default -> JobFields.CREATE_TIME;
            };
            if (perPage == 0) {
                return new Listing<>(conditions, orderBy, descending, 0, null);
            }
            long offset = (long) (page - 1) * perPage;
            return new Listing<>(conditions, orderBy, descending, (int) Math.min(offset, Integer.MAX_VALUE), perPage);
        }

        /** {@code name} is in the job's name or id, or is a comma-separated list of job ids. */
        private List<Listing.Condition<Job>> names() {
            List<Listing.Condition<Job>> names = new ArrayList<>(List.of(
                    new Listing.Contains<>(JobFields.NAME, name), new Listing.Contains<>(JobFields.ID, name)));
            if (name.contains(",")) {
                names.add(new Listing.OneOf<>(JobFields.ID, java.util.Arrays.stream(name.split(",")).map(String::trim).toList()));
            }
            return names;
        }
    }

    /** One page of a listing and how many jobs matched. */
    public record Page(int total, List<Job> jobs) {
    }

    /** A job to create, as the caller describes it. */
    public record NewJob(String name, String description, String dbUseType, String engineType, String jobDirection,
            String netType, String taskType) {
    }

    /** Creates each job, CREATING on its way to CONFIGURATION; answers them in order. */
    public List<Job> create(Principal caller, String projectId, List<NewJob> jobs) {
        caller.require(Action.DRS_JOB_CREATE, resource(projectId));
        Instant now = moveClock.now();
        return store.inProject(projectId, project -> {
            List<Job> created = new ArrayList<>(jobs.size());
            for (NewJob job : jobs) {
                Job fresh = Job.created(UUID.randomUUID().toString(), projectId, job, now);
                project.put(fresh);
                created.add(fresh);
            }
            return created;
        });
    }

    /**
     * Page {@code page} (from 1) of {@code perPage} matching jobs, or every one when {@code perPage} is
     * 0; each job under way is read, as if the listing had read them all.
     */
    public Page list(Principal caller, String projectId, Query query, int page, int perPage) {
        caller.require(Action.DRS_JOB_LIST, resource(projectId));
        return store.inProject(projectId, project -> {
            // Moves that are over end first, so that the listing finds each job as it is now.
            project.movingJobs().forEach(job -> observed(project, job));
            Listing.Result<Job> found = project.jobPage(query.listing(page, perPage));
            return new Page(found.total(), found.records());
        });
    }

    /** Page {@code page} (from 1) of {@code perPage} entries; all of them when {@code perPage} is 0. */
    static <T> List<T> pageOf(List<T> entries, int page, int perPage) {
        if (perPage == 0) {
            return entries;
        }
        long from = Math.min((long) (page - 1) * perPage, entries.size());
        int to = (int) Math.min(from + perPage, entries.size());
        return entries.subList((int) from, to);
    }

    /** A job named in a query, as it is now, or why it is not there. */
    public record Found(String jobId, Optional<Job> job, Optional<ApiException> error) {
    }

    /** Each job of page {@code page} of those named, in order ({@code perPage} 0: all); each is read once. */
    public List<Found> details(Principal caller, String projectId, List<String> jobIds, int page, int perPage) {
        caller.require(Action.DRS_JOB_LIST, resource(projectId));
        List<String> asked = pageOf(jobIds, page, perPage);
        return store.inProject(projectId, project -> {
            Map<String, Job> current = kept(project, project.jobsNamed(asked));
            Set<String> read = new HashSet<>();
            return asked.stream().map(id -> Optional.ofNullable(current.get(id))
                    .map(job -> read.add(id) ? current.compute(id, (same, unread) -> observed(project, unread)) : job)
                    .map(job -> new Found(id, Optional.of(job), Optional.empty()))
                    .orElseGet(() -> new Found(id, Optional.empty(),
                            Optional.of(ApiException.of(ErrorCode.DRS_JOB_NOT_FOUND)))))
                    .toList();
        });
    }

    /**
     * Applies each command in order and reports each outcome at the same position. The caller needs
     * every action the batch uses; a missing one refuses the whole batch before anything changes.
     */
    public List<JobOutcome> apply(Principal caller, String projectId, List<JobCommand> commands) {
        authorize(caller, projectId, commands);
        List<String> jobIds = commands.stream().map(JobCommand::jobId).toList();
        return store.onJobs(projectId, jobIds, project -> {
            // The batch's jobs in one read, then kept as each command leaves them.
            Map<String, Job> current = kept(project, project.jobsNamed(jobIds));
            Set<String> read = new HashSet<>((int) (commands.size() / 0.75f) + 1);
            List<JobOutcome> outcomes = new ArrayList<>(commands.size());
            for (JobCommand command : commands) {
                outcomes.add(applyOne(project, current, command, read));
            }
            return outcomes;
        });
    }

    /** Refuses a batch (403) unless the caller may take every action its commands use. */
    public void authorize(Principal caller, String projectId, List<JobCommand> commands) {
        commands.stream().map(command -> command.operation().action()).distinct()
                .forEach(action -> caller.require(action, resource(projectId)));
    }

    private JobOutcome applyOne(DrsProject project, Map<String, Job> current, JobCommand command, Set<String> read) {
        Job found = current.get(command.jobId());
        if (found == null) {
            return JobOutcome.failed(command.jobId(), ApiException.of(ErrorCode.DRS_JOB_NOT_FOUND));
        }
        // A move begun by an earlier request may be over; one begun by this request is not.
        Job job = read.add(command.jobId()) ? current.compute(command.jobId(), (id, unread) -> observed(project, unread)) : found;
        Optional<ApiException> refusal = command.operation().refusal(job);
        if (refusal.isPresent()) {
            return JobOutcome.failed(command.jobId(), refusal.get());
        }
        Job next = command.operation().applyTo(job, command, moveClock.now(), retention.now());
        project.put(next);
        current.put(next.id(), next);
        return JobOutcome.succeeded(command.jobId());
    }

    /**
     * Those of {@code found} that are still kept, in a map the caller may change; the deleted ones
     * kept their time are forgotten here, so that no later read finds them either.
     */
    private Map<String, Job> kept(DrsProject project, Map<String, Job> found) {
        Map<String, Job> kept = new HashMap<>(found);
        Instant now = retention.now();
        kept.values().removeIf(job -> {
            boolean gone = retention.gone(job, now);
            if (gone) {
                project.remove(job.id());
            }
            return gone;
        });
        return kept;
    }

    /** The job as this read finds it, kept so that the read counts. */
    private Job observed(DrsProject project, Job job) {
        Job now = job.observed(moveClock.timing(), moveClock.now());
        if (now != job) {
            project.put(now);
        }
        return now;
    }

    private static String resource(String projectId) {
        return "drs:" + projectId + ":job:*";
    }
}
