package io.batchops.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.JobStatus;
import io.batchops.server.json.Json;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SourceServer;
import io.batchops.server.sms.SourceServerState;
import io.batchops.server.sms.TaskState;
import io.batchops.server.timing.Move;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The store in a database, H2 embedded or PostgreSQL, through one schema (Flyway migrations). A
 * tenant's unit of work is one transaction that first locks the tenant's row, so units on one tenant
 * run one at a time across every instance sharing the database, and a unit that fails changes
 * nothing.
 */
public final class JdbcStore implements Store {
    private static final String MIGRATIONS = "classpath:io/batchops/server/store/migrations";
    /** SQLSTATE of a unique-key violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Table<SourceServer, SourceServerState> SOURCES = new Table<>("sms_sources", "domain_id",
            SourceServer.class, SourceServerState.class, SourceServer::id, SourceServer::move, SourceServer::withMove);
    private static final Table<MigrationTask, TaskState> TASKS = new Table<>("sms_tasks", "domain_id",
            MigrationTask.class, TaskState.class, MigrationTask::id, MigrationTask::move, MigrationTask::withMove);
    private static final Table<Job, JobStatus> JOBS = new Table<>("drs_jobs", "project_id",
            Job.class, JobStatus.class, Job::id, Job::transition, Job::withTransition);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Clock clock;
    /** Tenants whose row is known to exist: rows are never removed, so this only saves a query. */
    private final Set<String> knownTenants = ConcurrentHashMap.newKeySet();

    private JdbcStore(HikariDataSource dataSource, boolean shared) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        // Instances sharing a database may run on machines whose clocks differ; an embedded one is in this JVM.
        this.clock = shared ? new DatabaseClock(jdbi) : Clock.systemUTC();
    }

    /** H2 in files under {@code dataDir}: one process at a time, every acknowledged change written. */
    static JdbcStore embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --data-dir " + dataDir + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a commit is in the file before it is acknowledged, so a kill -9 loses nothing
        // acknowledged. The server closes the database itself, after its last request. H2's own trace
        // file stays off: a failure reaches batchops' log.
        config.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("batchops") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0");
        config.setUsername("batchops");
        config.setPassword("");
        return open(config, false, "--data-dir " + dataDir + " (another batchops may be using it: an embedded database "
                + "serves one process; share state between instances with --database-url)");
    }

    /** The PostgreSQL database at {@code url}, which any number of instances may share. */
    static JdbcStore postgres(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        return open(config, true, "--database-url " + StoreConfig.withoutParameters(url));
    }

    private static JdbcStore open(HikariConfig config, boolean shared, String what) {
        config.setPoolName("batchops");
        config.setMaximumPoolSize(16);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the database of " + what + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot bring the database of " + what + " up to date: " + rootMessage(e), e);
        }
        try {
            return new JdbcStore(dataSource, shared);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot read the time of the database of " + what + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public <T> T inAccount(String domainId, Function<Account, T> work) {
        return inTenant("sms", domainId, handle -> work.apply(new JdbcAccount(handle, domainId)));
    }

    @Override
    public <T> T inProject(String projectId, Function<Project, T> work) {
        return inTenant("drs", projectId, handle -> work.apply(new JdbcProject(handle, projectId)));
    }

    private <T> T inTenant(String kind, String id, Function<Handle, T> work) {
        ensureTenant(kind, id);
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT id FROM tenants WHERE kind = :kind AND id = :id FOR UPDATE")
                    .bind("kind", kind).bind("id", id).mapTo(String.class).one();
            return work.apply(handle);
        });
    }

    /** The tenant's row, which units lock, inserted by whichever instance first needs it. */
    private void ensureTenant(String kind, String id) {
        String key = kind + ":" + id;
        if (knownTenants.contains(key)) {
            return;
        }
        jdbi.useHandle(handle -> {
            boolean exists = handle.createQuery("SELECT COUNT(*) FROM tenants WHERE kind = :kind AND id = :id")
                    .bind("kind", kind).bind("id", id).mapTo(Integer.class).one() > 0;
            if (!exists) {
                try {
                    handle.createUpdate("INSERT INTO tenants (kind, id) VALUES (:kind, :id)")
                            .bind("kind", kind).bind("id", id).execute();
                } catch (UnableToExecuteStatementException e) {
                    // Another unit or instance inserted it first: as good.
                    if (!(e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                        throw e;
                    }
                }
            }
        });
        knownTenants.add(key);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Takes every tenant's lock, in one order, so that it waits for units under way and deadlocks none. */
    @Override
    public void clear() {
        jdbi.useTransaction(handle -> {
            handle.createQuery("SELECT id FROM tenants ORDER BY kind, id FOR UPDATE").mapTo(String.class).list();
            for (Table<?, ?> table : List.of(SOURCES, TASKS, JOBS)) {
                handle.execute("DELETE FROM " + table.name());
            }
        });
    }

    @Override
    public Fixtures snapshot() {
        // One consistent view of all three tables; tenants by id as Java orders strings (a database's
        // collation may not), each tenant's records oldest first.
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> new Fixtures(
                new Fixtures.Sms(SOURCES.everyOwner(handle, SourceServer::domainId),
                        TASKS.everyOwner(handle, MigrationTask::domainId)),
                new Fixtures.Drs(JOBS.everyOwner(handle, Job::projectId))));
    }

    @Override
    public void close() {
        if (clock instanceof DatabaseClock databaseClock) {
            databaseClock.close();
        }
        dataSource.close();
    }

    private static final class JdbcAccount implements Account {
        private final Handle handle;
        private final String domainId;

        JdbcAccount(Handle handle, String domainId) {
            this.handle = handle;
            this.domainId = domainId;
        }

        @Override
        public Optional<MigrationTask> task(String id) {
            return TASKS.find(handle, domainId, id);
        }

        @Override
        public Optional<SourceServer> source(String id) {
            return SOURCES.find(handle, domainId, id);
        }

        @Override
        public List<MigrationTask> tasks() {
            return TASKS.all(handle, domainId);
        }

        @Override
        public List<SourceServer> sources() {
            return SOURCES.all(handle, domainId);
        }

        @Override
        public void put(MigrationTask task) {
            TASKS.put(handle, domainId, task);
        }

        @Override
        public void put(SourceServer source) {
            SOURCES.put(handle, domainId, source);
        }

        @Override
        public void removeTask(String id) {
            TASKS.remove(handle, domainId, id);
        }

        @Override
        public void removeSource(String id) {
            SOURCES.remove(handle, domainId, id);
        }
    }

    private static final class JdbcProject implements Project {
        private final Handle handle;
        private final String projectId;

        JdbcProject(Handle handle, String projectId) {
            this.handle = handle;
            this.projectId = projectId;
        }

        @Override
        public Optional<Job> job(String id) {
            return JOBS.find(handle, projectId, id);
        }

        @Override
        public List<Job> jobs() {
            return JOBS.all(handle, projectId);
        }

        @Override
        public void put(Job job) {
            JOBS.put(handle, projectId, job);
        }
    }

    /**
     * One table of records: a row holds the record's JSON (the seed file's format) and, in columns of
     * their own, the move under way that the JSON leaves out.
     */
    private record Table<R, S extends Enum<S>>(String name, String owner, Class<R> type, Class<S> states,
            Function<R, String> idOf, Function<R, Move<S>> moveOf, BiFunction<R, Move<S>, R> withMove) {
        private static final String COLUMNS = "record, move_to, move_started_at, move_reads";

        Optional<R> find(Handle handle, String ownerId, String id) {
            if (unstorable(id)) {
                return Optional.empty();
            }
            return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner AND id = :id")
                    .bind("owner", ownerId).bind("id", id).map((row, context) -> read(row)).findOne();
        }

        List<R> all(Handle handle, String ownerId) {
            return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner ORDER BY seq")
                    .bind("owner", ownerId).map((row, context) -> read(row)).list();
        }

        List<R> everyOwner(Handle handle, Function<R, String> ownerOf) {
            List<R> records = handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " ORDER BY seq")
                    .map((row, context) -> read(row)).list();
            // Stable: each owner's records stay oldest first.
            return records.stream().sorted(Comparator.comparing(ownerOf)).toList();
        }

        /** Replaces the record with the same owner and id, keeping its place in listings; or adds it last. */
        void put(Handle handle, String ownerId, R record) {
            Move<S> move = moveOf.apply(record);
            Map<String, Object> row = new HashMap<>();
            row.put("owner", ownerId);
            row.put("id", idOf.apply(record));
            row.put("record", json(record));
            row.put("to", move == null ? null : move.to().name());
            row.put("startedAt", move == null ? null : epochNanos(move.startedAt()));
            row.put("reads", move == null ? null : move.reads());
            int updated = handle.createUpdate("UPDATE " + name + " SET record = :record, move_to = :to, "
                    + "move_started_at = :startedAt, move_reads = :reads WHERE " + owner + " = :owner AND id = :id")
                    .bindMap(row).execute();
            if (updated == 0) {
                handle.createUpdate("INSERT INTO " + name + " (" + owner + ", id, " + COLUMNS
                        + ") VALUES (:owner, :id, :record, :to, :startedAt, :reads)").bindMap(row).execute();
            }
        }

        void remove(Handle handle, String ownerId, String id) {
            if (unstorable(id)) {
                return;
            }
            handle.createUpdate("DELETE FROM " + name + " WHERE " + owner + " = :owner AND id = :id")
                    .bind("owner", ownerId).bind("id", id).execute();
        }

        /** PostgreSQL's text holds no U+0000, so no stored record has an id with it (a path's %00). */
        private static boolean unstorable(String id) {
            return id.indexOf('\0') >= 0;
        }

        private R read(ResultSet row) throws SQLException {
            R record;
            try {
                record = Json.MAPPER.readValue(row.getString("record"), type);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a record in " + name + " is not what this version wrote: " + e.getOriginalMessage(), e);
            }
            String to = row.getString("move_to");
            if (to == null) {
                return record;
            }
            Instant startedAt = Instant.ofEpochSecond(0, row.getLong("move_started_at"));
            return withMove.apply(record, new Move<>(Enum.valueOf(states, to), startedAt, row.getInt("move_reads")));
        }

        private String json(R record) {
            try {
                return Json.MAPPER.writeValueAsString(record);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a " + type.getSimpleName() + " as JSON", e);
            }
        }

        private static long epochNanos(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
    }
}
