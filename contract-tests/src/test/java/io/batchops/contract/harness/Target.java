package io.batchops.contract.harness;

import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;

/** An operation of a spec, and the concrete path the tests send it to (Alice's project for DRS). */
public record Target(Contract contract, String method, String template, String path) {
    public static final Target SMS_DELETE = new Target(Contract.SMS, "POST", "/v3/tasks/delete", "/v3/tasks/delete");
    public static final Target DRS_BATCH = new Target(Contract.DRS, "DELETE", "/v3/{project_id}/jobs/batch-jobs",
            drsPath(ALICE_PROJECT));

    public static String drsPath(String project) {
        return "/v3/" + project + "/jobs/batch-jobs";
    }

    /** A request to this operation, with JSON content type. */
    public Wire request() {
        return Wire.to(contract, method, path);
    }

    /** A request to this operation on another path of its template (another project). */
    public Wire request(String otherPath) {
        return Wire.to(contract, method, otherPath);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
