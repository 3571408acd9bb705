package io.batchops.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.batchops.server.errors.Family;
import java.util.Arrays;

/** What a principal may be allowed to do, named as in the credentials file. */
public enum Action {
    SMS_SERVER_REGISTER("sms:server:register", Family.SMS),
    SMS_SERVER_LIST("sms:server:list", Family.SMS),
    SMS_TASK_CREATE("sms:task:create", Family.SMS),
    SMS_TASK_LIST("sms:task:list", Family.SMS),
    SMS_TASK_DELETE("sms:task:delete", Family.SMS),
    SMS_TASK_MANAGE("sms:task:manage", Family.SMS),
    SMS_SERVER_UPDATE("sms:server:update", Family.SMS),
    SMS_SERVER_DELETE("sms:server:delete", Family.SMS),
    DRS_JOB_CREATE("drs:job:create", Family.DRS),
    DRS_JOB_LIST("drs:job:list", Family.DRS),
    DRS_JOB_STOP("drs:job:stop", Family.DRS),
    DRS_JOB_DELETE("drs:job:delete", Family.DRS),
    DRS_JOB_START("drs:job:start", Family.DRS),
    DRS_JOB_PAUSE("drs:job:pause", Family.DRS);

    private final String id;
    private final Family family;

    Action(String id, Family family) {
        this.id = id;
        this.family = family;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    @JsonCreator
    public static Action of(String id) {
        return Arrays.stream(values())
                .filter(action -> action.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unexpected value '" + id + "'"));
    }
}
