package io.batchops.server.drs;

import io.batchops.server.listing.Listing;
import io.batchops.server.listing.Lookup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One DRS project's data, inside a unit of work. */
public interface DrsProject {
    Optional<Job> job(String id);

    /** Those of the jobs named that exist, by id: one read for a batch, where a database serves. */
    default Map<String, Job> jobsNamed(Collection<String> ids) {
        return Lookup.found(ids, this::job);
    }

    /** Every job of the project, oldest first: the whole project read, where a database serves. */
    List<Job> allJobs();

    /** The page of the project's jobs that {@code listing} asks for: a database reads only that page. */
    default Listing.Result<Job> jobPage(Listing<Job> listing) {
        return listing.of(allJobs());
    }

    /** The jobs with a move under way, oldest first. */
    default List<Job> movingJobs() {
        return allJobs().stream().filter(job -> job.move() != null).toList();
    }

    void put(Job job);

    /** Forgets the job, if the project has it. */
    void remove(String id);
}
