package io.batchops.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.batchops.server.drs.DrsProject;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.listing.Listing;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SmsAccount;
import io.batchops.server.sms.MigrationSource;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTaskState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The store in a database, H2 embedded or PostgreSQL, through one schema (Flyway migrations). A
 * unit of work is one transaction, so a unit that fails changes nothing. A unit over a whole tenant
 * first locks the tenant's row, so it runs alone on that tenant across every instance sharing the
 * database. On PostgreSQL, a unit over named records ({@link #onTasks}, {@link #onJobs}) holds the
 * tenant in a mode only those exclude, then locks each record as it reads it by id, so units on
 * disjoint records run at once and units on the same record one after the other. There the tenant's
 * lock is an advisory lock on its key, held by the lock manager: units that share it write nothing to
 * a row (a row's shared lock is written to the row, so that every batch would write one hot row).
 */
public final class JdbcStore implements Store {
    private static final String MIGRATIONS = "classpath:io/batchops/server/store/migrations";
    /** SQLSTATE of a unique-key violation, in H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Table<MigrationSource, MigrationSourceState> SOURCES = new Table<>("sms_sources", "domain_id",
            MigrationSource.class, MigrationSourceState.class, MigrationSource::id, MigrationSource::move, MigrationSource::withMove, Fields.SOURCE_COLUMNS);
    private static final Table<MigrationTask, MigrationTaskState> TASKS = new Table<>("sms_tasks", "domain_id",
            MigrationTask.class, MigrationTaskState.class, MigrationTask::id, MigrationTask::move, MigrationTask::withMove,
            Fields.TASK_COLUMNS);
    private static final Table<Job, DrsJobStatus> JOBS = new Table<>("drs_jobs", "project_id",
            Job.class, DrsJobStatus.class, Job::id, Job::move, Job::withMove, Fields.JOB_COLUMNS);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Clock clock;
    /**
     * Whether a batch's records are read with one IN-list query (PostgreSQL, across a network) or one
     * primary-key lookup each (embedded H2, in this JVM, whose planner reads a tenant's every row
     * for an IN list on the key's second column).
     */
    private final boolean lookupsInOneQuery;
    /** Tenants whose row is known to exist: rows are never removed, so this only saves a query. */
    private final Set<String> knownTenants = ConcurrentHashMap.newKeySet();

    private final Availability availability;

    /** Rows {@link #removeJobsDeletedBy} removes in one transaction. */
    private static final int REMOVED_AT_ONCE = 1000;

    /** The free space an embedded database needs to be called serving again after a write failed. */
    private static final long EMBEDDED_FREE_BYTES = 1024 * 1024;

    private JdbcStore(HikariDataSource dataSource, boolean shared, Duration connectionWait, Path dataDir) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.availability = new Availability(() -> {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(1)) {
                    throw new SQLException("the connection is not valid");
                }
            }
            // An embedded database reopens and reads on a full disk, then fails the next write.
            if (dataDir != null && Files.getFileStore(dataDir).getUsableSpace() < EMBEDDED_FREE_BYTES) {
                throw new IOException("under " + EMBEDDED_FREE_BYTES + " bytes free in " + dataDir);
            }
        }, () -> dataSource.getHikariPoolMXBean().softEvictConnections(), connectionWait);
        this.lookupsInOneQuery = shared;
        // Instances sharing a database may run on machines whose clocks differ; an embedded one is in this JVM.
        this.clock = shared ? new DatabaseClock(jdbi) : Clock.systemUTC();
    }

    /** H2 in files under {@code dataDir}: one process at a time, every acknowledged change written. */
    static JdbcStore embedded(Path dataDir, Duration connectionWait) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --data-dir " + dataDir + ": " + reason(e), e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new IllegalStateException("--data-dir " + dataDir + " is not writable by this user: make it writable, "
                    + "run as its owner, or choose another directory");
        }
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a commit is in the file before it is acknowledged, so a kill -9 loses nothing
        // acknowledged. The server closes the database itself, after its last request. H2's own trace
        // file stays off: a failure reaches batchops' log.
        config.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("batchops") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0");
        config.setUsername("batchops");
        config.setPassword("");
        return open(config, false, connectionWait, dataDir, "--data-dir " + dataDir + " (another batchops may be using it: an embedded database "
                + "serves one process; share state between instances with --database-url)");
    }

    /** The PostgreSQL database at {@code url}, which any number of instances may share. */
    static JdbcStore postgres(String url, String user, String password, Duration connectionWait) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // A statement prepared on the server is planned for its values each time: after five runs the
        // driver's prepared statements would take PostgreSQL's generic plan, which for a batch's IN
        // list of ids can walk the tenant's whole index (seconds per batch, measured in bench/README).
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        // A new connection to a server that does not answer is given up as soon as a request would give up on it.
        config.addDataSourceProperty("connectTimeout", Math.max(1, connectionWait.toSeconds()));
        return open(config, true, connectionWait, null, "--database-url " + StoreConfig.withoutParameters(url));
    }

    private static JdbcStore open(HikariConfig config, boolean shared, Duration connectionWait, Path dataDir, String what) {
        config.setPoolName("batchops");
        config.setMaximumPoolSize(16);
        // A request waits this long for a connection, then is answered 503 (the pool's default is 30 s).
        config.setConnectionTimeout(connectionWait.toMillis());
        config.setValidationTimeout(Math.max(250, Math.min(1000, connectionWait.toMillis() / 2)));
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the database of " + what + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).javaMigrations(new ListingColumns(), new SourceStateColumn(), new DeleteTimeColumn()).load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot bring the database of " + what + " up to date: " + rootMessage(e), e);
        }
        try {
            return new JdbcStore(dataSource, shared, connectionWait, dataDir);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("cannot read the time of the database of " + what + ": " + rootMessage(e), e);
        }
    }

    /** Why the file system refused, in words: the JDK's message for these is often the path alone. */
    private static String reason(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory, and none can be made there";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public <T> T inAccount(String domainId, Function<SmsAccount, T> work) {
        return availability.serve(() -> inTenant("sms", domainId, Reach.TENANT, handle -> new JdbcAccount(handle, domainId, lookupsInOneQuery, Reach.TENANT), work));
    }

    @Override
    public <T> T inProject(String projectId, Function<DrsProject, T> work) {
        return availability.serve(() -> inTenant("drs", projectId, Reach.TENANT, handle -> new JdbcProject(handle, projectId, lookupsInOneQuery, Reach.TENANT), work));
    }

    @Override
    public <T> T onTasks(String domainId, Collection<String> taskIds, Function<SmsAccount, T> work) {
        Reach reach = namedReach();
        return availability.serve(() -> inTenant("sms", domainId, reach, handle -> {
            JdbcAccount account = new JdbcAccount(handle, domainId, lookupsInOneQuery, reach);
            account.tasksNamed(taskIds);
            return account;
        }, work));
    }

    @Override
    public <T> T onJobs(String projectId, Collection<String> jobIds, Function<DrsProject, T> work) {
        Reach reach = namedReach();
        return availability.serve(() -> inTenant("drs", projectId, reach, handle -> {
            JdbcProject project = new JdbcProject(handle, projectId, lookupsInOneQuery, reach);
            project.jobsNamed(jobIds);
            return project;
        }, work));
    }

    /**
     * Embedded H2 serves one process, whose units on a tenant take turns anyway: there a unit over
     * named records is a unit over the tenant.
     */
    private Reach namedReach() {
        return lookupsInOneQuery ? Reach.NAMED : Reach.TENANT;
    }

    /** What a unit may read and change, and so how it holds the tenant. */
    enum Reach {
        /** Anything of the tenant: the tenant, exclusively. */
        TENANT("pg_advisory_xact_lock"),
        /** Records read by id, each locked as read, in id order: the tenant, shared with other such units. */
        NAMED("pg_advisory_xact_lock_shared");

        private final String advisoryLock;

        Reach(String advisoryLock) {
            this.advisoryLock = advisoryLock;
        }
    }

    /** Holds the tenant for the unit's transaction: in PostgreSQL's lock manager, else by its row. */
    private void lockTenant(Handle handle, String kind, String id, Reach reach) {
        if (lookupsInOneQuery) {
            handle.createQuery("SELECT " + reach.advisoryLock + "(hashtextextended(:key, 0))")
                    .bind("key", kind + ":" + id).mapToMap().one();
        } else {
            handle.createQuery("SELECT id FROM tenants WHERE kind = :kind AND id = :id FOR UPDATE")
                    .bind("kind", kind).bind("id", id).mapTo(String.class).one();
        }
    }

    /** A unit's view of a tenant, which holds the unit's writes until it ends. */
    private interface Unit {
        void flush();
    }

    private <U extends Unit, T> T inTenant(String kind, String id, Reach reach, Function<Handle, U> view, Function<? super U, T> work) {
        ensureTenant(kind, id);
        return jdbi.inTransaction(handle -> {
            lockTenant(handle, kind, id, reach);
            U unit = view.apply(handle);
            T result = work.apply(unit);
            unit.flush();
            return result;
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
        availability.serve(() -> jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT kind, id FROM tenants ORDER BY kind, id")
                    .map((row, context) -> Map.entry(row.getString("kind"), row.getString("id"))).list()
                    .forEach(tenant -> lockTenant(handle, tenant.getKey(), tenant.getValue(), Reach.TENANT));
            for (Table<?, ?> table : List.of(SOURCES, TASKS, JOBS)) {
                handle.execute("DELETE FROM " + table.name());
            }
            return null;
        }));
    }

    /**
     * In transactions of up to {@link #REMOVED_AT_ONCE} rows, so that none holds many row locks or a
     * long log. Without the tenants' locks: the rows it takes are no unit's to change (a DELETED job
     * changes no more), and a unit that read one before it went answers as if it had come first.
     */
    @Override
    public long removeJobsDeletedBy(long epochMillis) {
        return availability.serve(() -> {
            long removed = 0;
            int batch;
            do {
                // Found by the index, then removed by key: H2 plans a DELETE over an IN subquery as a scan per row.
                batch = jdbi.inTransaction(handle -> {
                    List<Map.Entry<String, String>> expired = handle.createQuery("SELECT project_id, id FROM drs_jobs "
                                    + "WHERE delete_time <= :cutoff ORDER BY delete_time LIMIT " + REMOVED_AT_ONCE)
                            .bind("cutoff", epochMillis)
                            .map((row, context) -> Map.entry(row.getString("project_id"), row.getString("id"))).list();
                    if (expired.isEmpty()) {
                        return 0;
                    }
                    PreparedBatch deletes = handle.prepareBatch("DELETE FROM drs_jobs WHERE project_id = :project AND id = :id "
                            + "AND delete_time <= :cutoff");
                    expired.forEach(key -> deletes.bind("project", key.getKey()).bind("id", key.getValue())
                            .bind("cutoff", epochMillis).add());
                    return IntStream.of(deletes.execute()).sum();
                });
                removed += batch;
            } while (batch > 0);
            return removed;
        });
    }

    @Override
    public StoredState snapshot() {
        // One consistent view of all three tables; tenants by id as Java orders strings (a database's
        // collation may not), each tenant's records oldest first.
        return availability.serve(() -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> new StoredState(
                new StoredState.Sms(SOURCES.everyOwner(handle, MigrationSource::domainId),
                        TASKS.everyOwner(handle, MigrationTask::domainId)),
                new StoredState.Drs(JOBS.everyOwner(handle, Job::projectId)))));
    }

    @Override
    public StoredCounts counts() {
        return availability.serve(() -> jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            StoredCounts counts = StoredCounts.zero();
            SOURCES.countByState(handle, counts.sources());
            TASKS.countByState(handle, counts.tasks());
            JOBS.countByState(handle, counts.jobs());
            return counts;
        }));
    }

    @Override
    public StoreCondition health() {
        return availability.health();
    }

    @Override
    public void close() {
        availability.close();
        if (clock instanceof DatabaseClock databaseClock) {
            databaseClock.close();
        }
        dataSource.close();
    }

    private static final class JdbcAccount implements SmsAccount, Unit {
        private final Rows<MigrationTask, MigrationTaskState> tasks;
        private final Rows<MigrationSource, MigrationSourceState> sources;

        JdbcAccount(Handle handle, String domainId, boolean lookupsInOneQuery, Reach reach) {
            this.tasks = new Rows<>(TASKS, handle, domainId, lookupsInOneQuery, reach);
            this.sources = new Rows<>(SOURCES, handle, domainId, lookupsInOneQuery, reach);
        }

        @Override
        public Optional<MigrationTask> task(String id) {
            return tasks.find(id);
        }

        @Override
        public Optional<MigrationSource> source(String id) {
            return sources.find(id);
        }

        @Override
        public Map<String, MigrationTask> tasksNamed(Collection<String> ids) {
            return tasks.find(ids);
        }

        @Override
        public Map<String, MigrationSource> sourcesNamed(Collection<String> ids) {
            return sources.find(ids);
        }

        @Override
        public List<MigrationTask> allTasks() {
            return tasks.all();
        }

        @Override
        public Listing.Result<MigrationTask> taskPage(Listing<MigrationTask> listing) {
            return tasks.list(listing);
        }

        @Override
        public List<MigrationTask> movingTasks() {
            return tasks.moving();
        }

        @Override
        public List<MigrationSource> allSources() {
            return sources.all();
        }

        @Override
        public void put(MigrationTask task) {
            tasks.put(task);
        }

        @Override
        public void put(MigrationSource source) {
            sources.put(source);
        }

        @Override
        public void removeTask(String id) {
            tasks.remove(id);
        }

        @Override
        public void removeSource(String id) {
            sources.remove(id);
        }

        @Override
        public void flush() {
            sources.flush();
            tasks.flush();
        }
    }

    private static final class JdbcProject implements DrsProject, Unit {
        private final Rows<Job, DrsJobStatus> jobs;

        JdbcProject(Handle handle, String projectId, boolean lookupsInOneQuery, Reach reach) {
            this.jobs = new Rows<>(JOBS, handle, projectId, lookupsInOneQuery, reach);
        }

        @Override
        public Optional<Job> job(String id) {
            return jobs.find(id);
        }

        @Override
        public Map<String, Job> jobsNamed(Collection<String> ids) {
            return jobs.find(ids);
        }

        @Override
        public List<Job> allJobs() {
            return jobs.all();
        }

        @Override
        public Listing.Result<Job> jobPage(Listing<Job> listing) {
            return jobs.list(listing);
        }

        @Override
        public List<Job> movingJobs() {
            return jobs.moving();
        }

        @Override
        public void put(Job job) {
            jobs.put(job);
        }

        @Override
        public void remove(String id) {
            jobs.remove(id);
        }

        @Override
        public void flush() {
            jobs.flush();
        }
    }
}
