package io.batchops.server.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.drs.Job;
import io.batchops.server.json.Json;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SourceServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Initial state, as a JSON file ({@code --seed}) or built in code by tests: SMS source servers and
 * tasks, DRS jobs, each naming its owner. The file format is documented in the README.
 */
public record Fixtures(@JsonProperty("sms") Sms sms, @JsonProperty("drs") Drs drs) {
    public Fixtures {
        sms = sms == null ? new Sms(List.of(), List.of()) : sms;
        drs = drs == null ? new Drs(List.of()) : drs;
    }

    public record Sms(@JsonProperty("sources") List<SourceServer> sources, @JsonProperty("tasks") List<MigrationTask> tasks) {
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

    public static Fixtures read(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), Fixtures.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixtures from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds these fixtures to {@code store}, replacing entries with the same owner and id. */
    public void loadInto(Store store) {
        sms.sources().forEach(source -> store.inAccount(source.domainId(), account -> {
            account.put(source);
            return null;
        }));
        sms.tasks().forEach(task -> store.inAccount(task.domainId(), account -> {
            account.put(task);
            return null;
        }));
        drs.jobs().forEach(job -> store.inProject(job.projectId(), project -> {
            project.put(job);
            return null;
        }));
    }
}
