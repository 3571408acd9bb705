package io.batchops.server.store;

import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobFields;
import io.batchops.server.drs.JobRole;
import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.listing.Listing.AnyOf;
import io.batchops.server.listing.Listing.Condition;
import io.batchops.server.listing.Listing.Contains;
import io.batchops.server.listing.Listing.Equal;
import io.batchops.server.listing.Listing.Field;
import io.batchops.server.listing.Listing.Not;
import io.batchops.server.listing.Listing.OneOf;
import io.batchops.server.listing.Listing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A listing gives the same page in SQL as the in-memory store gives by testing each record: the
 * same matches (LIKE's wildcards and escape taken literally, a value no row can hold), the same order
 * (strings as Java orders them, ties oldest first, either direction), the same count and paging. The
 * PostgreSQL case needs {@code BATCHOPS_TEST_DATABASE_URL}, as {@code .ci/postgres} sets.
 */
class ListingTest {
    /** Names that sort differently by locale than by code point, and that hold LIKE's special characters. */
    private static final List<String> NAMES = List.of("alpha", "Beta", "_under", "100%", "a_b", "a\\b", "zeta", "Ärger",
            "beta", "a%b", "", "日本", "alpha!", "nul\0name");

    @TempDir
    Path dataDir;

    private static List<Job> jobs(String project) {
        List<Job> jobs = new ArrayList<>();
        DrsJobStatus[] statuses = {DrsJobStatus.FULL_TRANSFER_STARTED, DrsJobStatus.CONFIGURATION, DrsJobStatus.DELETED,
            DrsJobStatus.RELEASE_RESOURCE_COMPLETE, DrsJobStatus.INCRE_TRANSFER_STARTED};
        for (int i = 0; i < 40; i++) {
            String name = NAMES.get(i % NAMES.size());
            jobs.add(new Job("job-" + i, project, name, statuses[i % statuses.length], null, JobRole.STANDALONE, false,
                    null, i % 4 == 0 ? "sync" : "migration", i % 3 == 0 ? "postgresql" : "mysql", null,
                    i % 2 == 0 ? "vpc" : "eip", null, 1_700_000_000_000L + (i % 7) * 1000, null, null));
        }
        return jobs;
    }

    private static List<Listing<Job>> listings() {
        Field<Job> name = JobFields.NAME;
        List<List<Condition<Job>>> filters = List.of(
                List.of(),
                List.of(new Not<>(new Equal<>(JobFields.STATUS, "DELETED")), new Equal<>(JobFields.DB_USE_TYPE, "migration")),
                List.of(new Contains<>(name, "_")),
                List.of(new Contains<>(name, "%")),
                List.of(new Contains<>(name, "\\")),
                List.of(new Contains<>(name, "!")),
                List.of(new Contains<>(name, "a_b")),
                List.of(new Contains<>(name, "")),
                List.of(new Contains<>(name, "nul\0")),
                List.of(new Equal<>(JobFields.ID, "job-\0")),
                List.of(new Not<>(new Equal<>(JobFields.ID, "job-\0"))),
                List.of(new AnyOf<>(List.of(new Contains<>(name, "eta"), new Contains<>(JobFields.ID, "-1"),
                        new OneOf<>(JobFields.ID, List.of("job-2", "job-3", "ghost", "x\0"))))),
                List.of(new Equal<>(JobFields.ENGINE_TYPE, "postgresql"), new Equal<>(JobFields.NET_TYPE, "vpc")),
                List.of(Listing.nothing()),
                List.of(new Not<>(Listing.nothing()), new Equal<>(JobFields.STATUS, "CONFIGURATION")));
        List<Listing<Job>> listings = new ArrayList<>();
        for (List<Condition<Job>> filter : filters) {
            for (Field<Job> orderBy : Stream.of(null, JobFields.NAME, JobFields.STATUS, JobFields.CREATE_TIME).toList()) {
                for (boolean descending : List.of(false, true)) {
                    listings.add(new Listing<>(filter, orderBy, descending, 0, null));
                    listings.add(new Listing<>(filter, orderBy, descending, 3, 5));
                    listings.add(new Listing<>(filter, orderBy, descending, 39, 10));
                    listings.add(new Listing<>(filter, orderBy, descending, 1000, 0));
                }
            }
        }
        return listings;
    }

    private Store open(String kind) {
        return switch (kind) {
            case "embedded" -> StoreConfig.embedded(dataDir).open();
            case "postgresql" -> TestDatabases.postgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "postgresql"})
    void aDatabaseListsAsTheInMemoryStoreDoes(String kind) {
        // A project of its own: a shared database may hold others' from earlier runs.
        String project = "listing-" + UUID.randomUUID();
        try (Store memory = StoreConfig.IN_MEMORY.open(); Store database = open(kind)) {
            for (Store store : List.of(memory, database)) {
                store.inProject(project, unit -> {
                    jobs(project).forEach(unit::put);
                    return null;
                });
            }
            for (Listing<Job> listing : listings()) {
                Listing.Result<Job> expected = memory.inProject(project, unit -> unit.jobPage(listing));
                Listing.Result<Job> actual = database.inProject(project, unit -> unit.jobPage(listing));
                assertEquals(expected.total(), actual.total(), () -> "count of " + listing);
                assertEquals(ids(expected), ids(actual), () -> "page of " + listing);
            }
            // The reference itself, on two listings worked out by hand.
            assertEquals(List.of("job-2", "job-4", "job-16", "job-18", "job-30", "job-32"), ids(memory.inProject(project,
                    unit -> unit.jobPage(new Listing<>(List.of(new Contains<>(JobFields.NAME, "_")), null, false, 0, null)))));
            assertEquals(List.of("job-9", "job-23", "job-37"), ids(memory.inProject(project,
                    unit -> unit.jobPage(new Listing<>(List.of(new Contains<>(JobFields.NAME, "%b")), null, false, 0, null)))));
        }
    }

    private static List<String> ids(Listing.Result<Job> result) {
        return result.records().stream().map(Job::id).toList();
    }
}
