package io.batchops.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.batchops.server.drs.DrsProject;
import io.batchops.server.drs.Job;
import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.json.Json;
import io.batchops.server.listing.Listing;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SmsAccount;
import io.batchops.server.sms.MigrationSource;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTaskState;
import io.batchops.server.timing.Move;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
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

    private JdbcStore(HikariDataSource dataSource, boolean shared) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.lookupsInOneQuery = shared;
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
            Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).javaMigrations(new ListingColumns(), new SourceStateColumn()).load().migrate();
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
    public <T> T inAccount(String domainId, Function<SmsAccount, T> work) {
        return inTenant("sms", domainId, handle -> new JdbcAccount(handle, domainId, lookupsInOneQuery), work);
    }

    @Override
    public <T> T inProject(String projectId, Function<DrsProject, T> work) {
        return inTenant("drs", projectId, handle -> new JdbcProject(handle, projectId, lookupsInOneQuery), work);
    }

    /** A unit's view of a tenant, which holds the unit's writes until it ends. */
    private interface Unit {
        void flush();
    }

    private <U extends Unit, T> T inTenant(String kind, String id, Function<Handle, U> view, Function<? super U, T> work) {
        ensureTenant(kind, id);
        return jdbi.inTransaction(handle -> {
            handle.createQuery("SELECT id FROM tenants WHERE kind = :kind AND id = :id FOR UPDATE")
                    .bind("kind", kind).bind("id", id).mapTo(String.class).one();
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
        jdbi.useTransaction(handle -> {
            handle.createQuery("SELECT id FROM tenants ORDER BY kind, id FOR UPDATE").mapTo(String.class).list();
            for (Table<?, ?> table : List.of(SOURCES, TASKS, JOBS)) {
                handle.execute("DELETE FROM " + table.name());
            }
        });
    }

    @Override
    public StoredState snapshot() {
        // One consistent view of all three tables; tenants by id as Java orders strings (a database's
        // collation may not), each tenant's records oldest first.
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> new StoredState(
                new StoredState.Sms(SOURCES.everyOwner(handle, MigrationSource::domainId),
                        TASKS.everyOwner(handle, MigrationTask::domainId)),
                new StoredState.Drs(JOBS.everyOwner(handle, Job::projectId))));
    }

    @Override
    public StoredCounts counts() {
        StoredCounts counts = StoredCounts.zero();
        jdbi.useTransaction(TransactionIsolationLevel.REPEATABLE_READ, handle -> {
            SOURCES.countByState(handle, counts.sources());
            TASKS.countByState(handle, counts.tasks());
            JOBS.countByState(handle, counts.jobs());
        });
        return counts;
    }

    @Override
    public void close() {
        if (clock instanceof DatabaseClock databaseClock) {
            databaseClock.close();
        }
        dataSource.close();
    }

    private static final class JdbcAccount implements SmsAccount, Unit {
        private final Rows<MigrationTask, MigrationTaskState> tasks;
        private final Rows<MigrationSource, MigrationSourceState> sources;

        JdbcAccount(Handle handle, String domainId, boolean lookupsInOneQuery) {
            this.tasks = new Rows<>(TASKS, handle, domainId, lookupsInOneQuery);
            this.sources = new Rows<>(SOURCES, handle, domainId, lookupsInOneQuery);
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

        JdbcProject(Handle handle, String projectId, boolean lookupsInOneQuery) {
            this.jobs = new Rows<>(JOBS, handle, projectId, lookupsInOneQuery);
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
        public void flush() {
            jobs.flush();
        }
    }

    /**
     * One tenant's records of a table within a unit: each row read at most once, and the unit's
     * writes held, then written in one batch of statements when the unit ends (a unit that fails
     * writes nothing). A read sees the unit's writes.
     */
    private static final class Rows<R, S extends Enum<S>> {
        /** Ids in one IN list: well under the bind-parameter limits of H2 and PostgreSQL. */
        private static final int CHUNK = 500;

        private final Table<R, S> table;
        private final Handle handle;
        private final String ownerId;
        private final boolean lookupsInOneQuery;
        /** What the unit knows of each id: read, written, or known absent. */
        private final Map<String, Optional<R>> known = new HashMap<>();
        /** The unit's writes, in the order first made: a record, or empty where removed. */
        private final Map<String, Optional<R>> pending = new LinkedHashMap<>();

        Rows(Table<R, S> table, Handle handle, String ownerId, boolean lookupsInOneQuery) {
            this.table = table;
            this.handle = handle;
            this.ownerId = ownerId;
            this.lookupsInOneQuery = lookupsInOneQuery;
        }

        Optional<R> find(String id) {
            Optional<R> record = known.get(id);
            if (record == null) {
                record = table.find(handle, ownerId, id);
                known.put(id, record);
            }
            return record;
        }

        Map<String, R> find(Collection<String> ids) {
            List<String> unread = ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
            if (!lookupsInOneQuery) {
                unread.forEach(this::find);
                unread = List.of();
            }
            for (int from = 0; from < unread.size(); from += CHUNK) {
                List<String> chunk = unread.subList(from, Math.min(from + CHUNK, unread.size()));
                Map<String, R> read = table.findAll(handle, ownerId, chunk);
                chunk.forEach(id -> known.put(id, Optional.ofNullable(read.get(id))));
            }
            Map<String, R> found = new LinkedHashMap<>();
            for (String id : ids) {
                known.get(id).ifPresent(record -> found.put(id, record));
            }
            return found;
        }

        List<R> all() {
            flush();
            return remembered(table.all(handle, ownerId));
        }

        Listing.Result<R> list(Listing<R> listing) {
            flush();
            Listing.Result<R> result = table.list(handle, ownerId, listing);
            remembered(result.records());
            return result;
        }

        List<R> moving() {
            flush();
            return remembered(table.moving(handle, ownerId));
        }

        private List<R> remembered(List<R> records) {
            records.forEach(record -> known.put(table.idOf().apply(record), Optional.of(record)));
            return records;
        }

        void put(R record) {
            String id = table.idOf().apply(record);
            if (pending.containsKey(id) && pending.get(id).isEmpty()) {
                // Removed, then put again: the row goes first, so that the record comes last in listings.
                flush();
            }
            known.put(id, Optional.of(record));
            pending.put(id, Optional.of(record));
        }

        void remove(String id) {
            known.put(id, Optional.empty());
            pending.put(id, Optional.empty());
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> removed = new ArrayList<>();
            List<R> written = new ArrayList<>();
            pending.forEach((id, record) -> record.ifPresentOrElse(written::add, () -> removed.add(id)));
            pending.clear();
            for (int from = 0; from < removed.size(); from += CHUNK) {
                table.removeAll(handle, ownerId, removed.subList(from, Math.min(from + CHUNK, removed.size())));
            }
            table.putAll(handle, ownerId, written);
        }
    }

    /**
     * One table of records: a row holds the record's JSON (the seed file's format) and, in columns of
     * their own, the move under way that the JSON leaves out.
     */
    private record Table<R, S extends Enum<S>>(String name, String owner, Class<R> type, Class<S> states,
            Function<R, String> idOf, Function<R, Move<S>> moveOf, BiFunction<R, Move<S>, R> withMove,
            List<Listing.Field<R>> fields) {
        private static final String COLUMNS = "record, move_to, move_started_at, move_reads";

        /** The columns a write sets: the record, its move, and the fields listings use. */
        private String written() {
            return COLUMNS + fields.stream().map(field -> ", " + field.column()).collect(Collectors.joining());
        }

        private String writtenValues() {
            return ":record, :to, :startedAt, :reads" + fields.stream().map(field -> ", :f_" + field.column())
                    .collect(Collectors.joining());
        }

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

        /** Adds this table's records by state (its first field's column holds the state's name). */
        void countByState(Handle handle, Map<S, Long> counts) {
            String state = fields.get(0).column();
            handle.createQuery("SELECT " + state + " AS state, COUNT(*) AS n FROM " + name + " GROUP BY " + state)
                    .map((row, context) -> Map.entry(row.getString("state"), row.getLong("n")))
                    .forEach(count -> StoredCounts.add(counts, Enum.valueOf(states, count.getKey()), count.getValue()));
        }

        List<R> everyOwner(Handle handle, Function<R, String> ownerOf) {
            List<R> records = handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " ORDER BY seq")
                    .map((row, context) -> read(row)).list();
            // Stable: each owner's records stay oldest first.
            return records.stream().sorted(Comparator.comparing(ownerOf)).toList();
        }

        Map<String, R> findAll(Handle handle, String ownerId, List<String> ids) {
            List<String> storable = ids.stream().filter(id -> !unstorable(id)).toList();
            Map<String, R> found = new HashMap<>();
            if (!storable.isEmpty()) {
                handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner + " = :owner AND id IN (<ids>)")
                        .bind("owner", ownerId).bindList("ids", storable).map((row, context) -> read(row))
                        .forEach(record -> found.put(idOf.apply(record), record));
            }
            return found;
        }

        /**
         * Replaces each record with the same owner and id, keeping its place in listings; adds the
         * others last, in the order given.
         */
        void putAll(Handle handle, String ownerId, List<R> records) {
            if (records.isEmpty()) {
                return;
            }
            PreparedBatch updates = handle.prepareBatch("UPDATE " + name + " SET record = :record, move_to = :to, "
                    + "move_started_at = :startedAt, move_reads = :reads"
                    + fields.stream().map(field -> ", " + field.column() + " = :f_" + field.column()).collect(Collectors.joining())
                    + " WHERE " + owner + " = :owner AND id = :id");
            List<Map<String, Object>> rows = records.stream().map(record -> row(ownerId, record)).toList();
            rows.forEach(row -> updates.bindMap(row).add());
            int[] updated = updates.execute();
            PreparedBatch inserts = handle.prepareBatch("INSERT INTO " + name + " (" + owner + ", id, " + written()
                    + ") VALUES (:owner, :id, " + writtenValues() + ")");
            for (int i = 0; i < rows.size(); i++) {
                if (updated[i] == 0) {
                    inserts.bindMap(rows.get(i)).add();
                }
            }
            if (inserts.size() > 0) {
                inserts.execute();
            }
        }

        /** One statement a row, sent as one batch: H2 deletes by an IN list only by reading the tenant's every row. */
        void removeAll(Handle handle, String ownerId, List<String> ids) {
            PreparedBatch deletes = handle.prepareBatch("DELETE FROM " + name + " WHERE " + owner + " = :owner AND id = :id");
            ids.stream().filter(id -> !unstorable(id)).forEach(id -> deletes.bind("owner", ownerId).bind("id", id).add());
            if (deletes.size() > 0) {
                deletes.execute();
            }
        }

        private Map<String, Object> row(String ownerId, R record) {
            Move<S> move = moveOf.apply(record);
            Map<String, Object> row = new HashMap<>();
            row.put("owner", ownerId);
            row.put("id", idOf.apply(record));
            row.put("record", json(record));
            row.put("to", move == null ? null : move.to().name());
            row.put("startedAt", move == null ? null : epochNanos(move.startedAt()));
            row.put("reads", move == null ? null : move.reads());
            fields.forEach(field -> row.put("f_" + field.column(), Fields.held(field.of(record))));
            return row;
        }

        /** The records with a move under way, oldest first. */
        List<R> moving(Handle handle, String ownerId) {
            return handle.createQuery("SELECT " + COLUMNS + " FROM " + name + " WHERE " + owner
                    + " = :owner AND move_to IS NOT NULL ORDER BY seq").bind("owner", ownerId)
                    .map((row, context) -> read(row)).list();
        }

        /** The listing in SQL: the count, then only the page's rows. */
        Listing.Result<R> list(Handle handle, String ownerId, Listing<R> listing) {
            Map<String, Object> binds = new HashMap<>();
            binds.put("owner", ownerId);
            StringBuilder where = new StringBuilder(" WHERE ").append(owner).append(" = :owner");
            for (Listing.Condition<R> condition : listing.conditions()) {
                where.append(" AND ").append(sql(condition, binds));
            }
            int total = handle.createQuery("SELECT COUNT(*) FROM " + name + where).bindMap(binds).mapTo(Integer.class).one();
            StringBuilder query = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM ").append(name).append(where)
                    .append(" ORDER BY ");
            if (listing.orderBy() != null) {
                query.append(column(listing.orderBy())).append(listing.descending() ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
            }
            query.append("seq OFFSET ").append(listing.offset()).append(" ROWS");
            if (listing.limit() != null) {
                query.append(" FETCH FIRST ").append(listing.limit()).append(" ROWS ONLY");
            }
            List<R> page = total <= listing.offset() ? List.of()
                    : handle.createQuery(query.toString()).bindMap(binds).map((row, context) -> read(row)).list();
            return new Listing.Result<>(total, page);
        }

        /**
         * A condition as SQL, its values bound by name, as the columns hold them ({@link Fields#held}); an id
         * with U+0000 matches no row, as none is stored.
         */
        private String sql(Listing.Condition<R> condition, Map<String, Object> binds) {
            if (condition instanceof Listing.Equal<R> equal) {
                return matchable(equal.field(), equal.value())
                        ? column(equal.field()) + " = " + bind(binds, Fields.held(equal.value())) : "1 = 0";
            }
            if (condition instanceof Listing.Contains<R> contains) {
                return matchable(contains.field(), contains.text()) ? column(contains.field()) + " LIKE "
                        + bind(binds, "%" + likeEscaped((String) Fields.held(contains.text())) + "%") + " ESCAPE '!'" : "1 = 0";
            }
            if (condition instanceof Listing.OneOf<R> oneOf) {
                List<String> names = oneOf.values().stream().filter(value -> matchable(oneOf.field(), value))
                        .map(value -> bind(binds, Fields.held(value))).toList();
                return names.isEmpty() ? "1 = 0" : column(oneOf.field()) + " IN (" + String.join(", ", names) + ")";
            }
            if (condition instanceof Listing.AnyOf<R> anyOf) {
                return anyOf.conditions().isEmpty() ? "1 = 0"
                        : anyOf.conditions().stream().map(each -> sql(each, binds)).collect(Collectors.joining(" OR ", "(", ")"));
            }
            // A null field meets no condition, and so every negated one (SQL would make both unknown).
            Listing.Not<R> not = (Listing.Not<R>) condition;
            return "NOT COALESCE(" + sql(not.condition(), binds) + ", FALSE)";
        }

        private static boolean matchable(Listing.Field<?> field, Object value) {
            return !field.column().equals("id") || !(value instanceof String id) || !unstorable(id);
        }

        private String column(Listing.Field<R> field) {
            if (!field.column().equals("id") && !fields.contains(field)) {
                throw new IllegalArgumentException(name + " keeps no column " + field.column());
            }
            return field.column();
        }

        private static String bind(Map<String, Object> binds, Object value) {
            String bindName = "v" + binds.size();
            binds.put(bindName, value);
            return ":" + bindName;
        }

        /** LIKE's wildcards as themselves; the escape is '!', as Jdbi's parser reads a backslash as its own. */
        private static String likeEscaped(String text) {
            return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
