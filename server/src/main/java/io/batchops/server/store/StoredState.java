package io.batchops.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.batchops.server.drs.Job;
import io.batchops.server.errors.Family;
import io.batchops.server.errors.JsonExceptionMapper;
import io.batchops.server.json.Json;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.MigrationSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Initial state, as a JSON file ({@code --seed}) or built in code by tests: SMS source servers and
 * tasks, DRS jobs, each naming its owner. The file format is documented in the README.
 */
public record StoredState(@JsonProperty("sms") Sms sms, @JsonProperty("drs") Drs drs) {
    public StoredState {
        sms = sms == null ? new Sms(List.of(), List.of()) : sms;
        drs = drs == null ? new Drs(List.of()) : drs;
    }

    public record Sms(@JsonProperty("sources") List<MigrationSource> sources, @JsonProperty("tasks") List<MigrationTask> tasks) {
        public Sms {
            sources = sources == null ? List.of() : List.copyOf(sources);
            tasks = tasks == null ? List.of() : List.copyOf(tasks);
        }
    }

    public record Drs(@JsonProperty("jobs") List<Job> jobs) {
        public Drs {
            jobs = jobs == null ? List.of() : List.copyOf(jobs);
        }
    }

    /** Reads a seed file; a file that is not such a document is refused naming where and what was expected. */
    public static StoredState read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), StoredState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read the seed file " + file + ": "
                    + JsonExceptionMapper.describe(e, Family.ADMIN).englishMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the seed file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds these fixtures to {@code store}, replacing entries with the same owner and id: one unit of
     * work per tenant (a database store's transaction), records in the file's order. A deleted job
     * given without its time of deletion was deleted {@code now}, by the control clock.
     */
    public void loadInto(Store store, Instant now) {
        Map<String, List<MigrationSource>> sources = byOwner(sms.sources(), MigrationSource::domainId);
        Map<String, List<MigrationTask>> tasks = byOwner(sms.tasks(), MigrationTask::domainId);
        Set<String> accounts = new LinkedHashSet<>(sources.keySet());
        accounts.addAll(tasks.keySet());
        accounts.forEach(domainId -> store.inAccount(domainId, account -> {
            sources.getOrDefault(domainId, List.of()).forEach(account::put);
            tasks.getOrDefault(domainId, List.of()).forEach(account::put);
            return null;
        }));
        byOwner(drs.jobs(), Job::projectId).forEach((projectId, jobs) -> store.inProject(projectId, project -> {
            jobs.forEach(job -> project.put(job.loadedAt(now)));
            return null;
        }));
    }

    private static <R> Map<String, List<R>> byOwner(List<R> records, Function<R, String> ownerOf) {
        return records.stream().collect(Collectors.groupingBy(ownerOf, LinkedHashMap::new, Collectors.toList()));
    }
}
