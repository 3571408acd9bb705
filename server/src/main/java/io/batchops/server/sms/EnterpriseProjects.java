package io.batchops.server.sms;

/** Enterprise projects: batchops keeps everything in the default one. */
final class EnterpriseProjects {
    /** The default enterprise project's id, as SMS answers it. */
    static final String DEFAULT = "0";
    /** Huawei Cloud's filter value for every enterprise project the caller may see. */
    static final String ALL_GRANTED = "all_granted_eps";

    private EnterpriseProjects() {
    }

    /** Whether an {@code enterprise_project_id} filter (null: none) matches what batchops holds. */
    static boolean matchesDefault(String filter) {
        return filter == null || DEFAULT.equals(filter) || ALL_GRANTED.equals(filter);
    }
}
