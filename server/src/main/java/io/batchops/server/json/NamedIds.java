package io.batchops.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collection;
import java.util.List;

/**
 * The task, source server and job ids a service request names: in its path ({@code task_id},
 * {@code source_id}), in its body's {@code ids}, and in its body's {@code jobs} (ids, or entries
 * with a {@code job_id}). Fault rules match on them; the journal records them.
 */
public final class NamedIds {
    private static final List<String> PATH_PARAMETERS = List.of("task_id", "source_id");

    private NamedIds() {
    }

    public static void inPath(MultivaluedMap<String, String> pathParameters, Collection<String> into) {
        for (String parameter : PATH_PARAMETERS) {
            String id = pathParameters.getFirst(parameter);
            if (id != null) {
                into.add(id);
            }
        }
    }

    /**
     * The ids in a body as the operation read it (a generated model): its {@code getIds()} and its
     * {@code getJobs()}' ids, found once per class, so that no request is serialized again to be read.
     */
    public static void inEntity(Object body, Collection<String> into) {
        EntityIds.FOR.get(body.getClass()).addTo(body, into);
    }

    /** How one model class names ids: its ids list, and its jobs list (of ids, or of entries with a job id). */
    private record EntityIds(java.lang.reflect.Method ids, java.lang.reflect.Method jobs) {
        static final ClassValue<EntityIds> FOR = new ClassValue<>() {
            @Override
            protected EntityIds computeValue(Class<?> type) {
                return new EntityIds(listGetter(type, "getIds"), listGetter(type, "getJobs"));
            }
        };

        void addTo(Object body, Collection<String> into) {
            for (Object id : list(ids, body)) {
                into.add(String.valueOf(id));
            }
            for (Object job : list(jobs, body)) {
                Object id = job instanceof CharSequence ? job : jobId(job);
                if (id != null) {
                    into.add(id.toString());
                }
            }
        }

        private static Object jobId(Object job) {
            if (job == null) {
                return null;
            }
            java.lang.reflect.Method getter = JOB_ID.get(job.getClass());
            return getter == null ? null : invoke(getter, job);
        }

        private static final ClassValue<java.lang.reflect.Method> JOB_ID = new ClassValue<>() {
            @Override
            protected java.lang.reflect.Method computeValue(Class<?> type) {
                try {
                    return type.getMethod("getJobId");
                } catch (NoSuchMethodException none) {
                    return null;
                }
            }
        };

        private static java.lang.reflect.Method listGetter(Class<?> type, String name) {
            try {
                java.lang.reflect.Method getter = type.getMethod(name);
                return List.class.isAssignableFrom(getter.getReturnType()) ? getter : null;
            } catch (NoSuchMethodException none) {
                return null;
            }
        }

        private static List<?> list(java.lang.reflect.Method getter, Object body) {
            if (getter == null) {
                return List.of();
            }
            Object list = invoke(getter, body);
            return list == null ? List.of() : (List<?>) list;
        }

        private static Object invoke(java.lang.reflect.Method getter, Object target) {
            try {
                return getter.invoke(target);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("a public getter of a generated model fails: " + getter, e);
            }
        }
    }

    public static void inBody(JsonNode body, Collection<String> into) {
        body.path("ids").forEach(id -> into.add(id.asText()));
        for (JsonNode job : body.path("jobs")) {
            JsonNode id = job.isTextual() ? job : job.path("job_id");
            if (id.isTextual()) {
                into.add(id.asText());
            }
        }
    }
}
