package io.batchops.server.store;

import io.batchops.server.drs.DrsProject;
import io.batchops.server.drs.Job;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.SmsAccount;
import io.batchops.server.sms.MigrationSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/** The store in memory: one lock per tenant makes each unit of work atomic for that tenant. */
public final class InMemoryStore implements Store {
    private final Map<String, AccountData> accounts = new ConcurrentHashMap<>();
    private final Map<String, ProjectData> projects = new ConcurrentHashMap<>();

    @Override
    public <T> T inAccount(String domainId, Function<SmsAccount, T> work) {
        AccountData account = accounts.computeIfAbsent(domainId, id -> new AccountData());
        return account.locked(() -> work.apply(account));
    }

    @Override
    public <T> T inProject(String projectId, Function<DrsProject, T> work) {
        ProjectData project = projects.computeIfAbsent(projectId, id -> new ProjectData());
        return project.locked(() -> work.apply(project));
    }

    @Override
    public long removeJobsDeletedBy(long epochMillis) {
        long removed = 0;
        for (ProjectData project : projects.values()) {
            removed += project.locked(() -> {
                int before = project.jobs.size();
                project.jobs.values().removeIf(job -> job.deleteTime() != null && job.deleteTime() <= epochMillis);
                return (long) (before - project.jobs.size());
            });
        }
        return removed;
    }

    @Override
    public void clear() {
        accounts.clear();
        projects.clear();
    }

    @Override
    public StoredState snapshot() {
        List<MigrationSource> sources = new ArrayList<>();
        List<MigrationTask> tasks = new ArrayList<>();
        new TreeMap<>(accounts).values().forEach(account -> account.locked(() -> {
            sources.addAll(account.sources.values());
            tasks.addAll(account.tasks.values());
            return null;
        }));
        List<Job> jobs = new ArrayList<>();
        new TreeMap<>(projects).values().forEach(project -> project.locked(() -> jobs.addAll(project.jobs.values())));
        return new StoredState(new StoredState.Sms(sources, tasks), new StoredState.Drs(jobs));
    }

    @Override
    public StoredCounts counts() {
        StoredCounts counts = StoredCounts.zero();
        accounts.values().forEach(account -> account.locked(() -> {
            account.sources.values().forEach(source -> StoredCounts.add(counts.sources(), source.state(), 1));
            account.tasks.values().forEach(task -> StoredCounts.add(counts.tasks(), task.state(), 1));
            return null;
        }));
        projects.values().forEach(project -> project.locked(() -> {
            project.jobs.values().forEach(job -> StoredCounts.add(counts.jobs(), job.status(), 1));
            return null;
        }));
        return counts;
    }

    private static class Tenant {
        private final ReentrantLock lock = new ReentrantLock();

        <T> T locked(java.util.function.Supplier<T> work) {
            lock.lock();
            try {
                return work.get();
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class AccountData extends Tenant implements SmsAccount {
        // Insertion order is the order of listings: oldest first.
        private final Map<String, MigrationTask> tasks = new LinkedHashMap<>();
        private final Map<String, MigrationSource> sources = new LinkedHashMap<>();

        @Override
        public List<MigrationTask> allTasks() {
            return List.copyOf(tasks.values());
        }

        @Override
        public List<MigrationSource> allSources() {
            return List.copyOf(sources.values());
        }

        @Override
        public Optional<MigrationTask> task(String id) {
            return Optional.ofNullable(tasks.get(id));
        }

        @Override
        public Optional<MigrationSource> source(String id) {
            return Optional.ofNullable(sources.get(id));
        }

        @Override
        public void put(MigrationTask task) {
            tasks.put(task.id(), task);
        }

        @Override
        public void put(MigrationSource source) {
            sources.put(source.id(), source);
        }

        @Override
        public void removeTask(String id) {
            tasks.remove(id);
        }

        @Override
        public void removeSource(String id) {
            sources.remove(id);
        }
    }

    private static final class ProjectData extends Tenant implements DrsProject {
        private final Map<String, Job> jobs = new LinkedHashMap<>();

        @Override
        public List<Job> allJobs() {
            return List.copyOf(jobs.values());
        }

        @Override
        public Optional<Job> job(String id) {
            return Optional.ofNullable(jobs.get(id));
        }

        @Override
        public void put(Job job) {
            jobs.put(job.id(), job);
        }

        @Override
        public void remove(String id) {
            jobs.remove(id);
        }
    }
}
