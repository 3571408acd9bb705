package io.batchops.server.errors;

/**
 * The one table of errors: who answers (the family, which shapes the body), HTTP status, code, and
 * the message in both languages. Messages are {@link String#format} templates. The codes and their
 * meaning are documented in the specs' descriptions; keep the two in step.
 */
public enum ErrorCode {
    // The API gateway in front of both services.
    GATEWAY_UNAUTHORIZED(Family.GATEWAY, 401, "APIGW.0301",
            "Incorrect IAM authentication information: %s",
            "IAM认证信息错误：%s"),
    GATEWAY_NO_SUCH_API(Family.GATEWAY, 404, "APIGW.0101",
            "The API does not exist or has not been published in the environment",
            "API不存在或未发布到环境"),
    // APIGW.0201, APIGW.0202 and APIGW.0203 are batchops' choices: the gateway's own codes for these are not published.
    GATEWAY_BODY_TOO_LARGE(Family.GATEWAY, 413, "APIGW.0201",
            "Request entity too large: the body exceeds %d bytes",
            "请求体过大：超过 %d 字节"),
    GATEWAY_BAD_REQUEST(Family.GATEWAY, 400, "APIGW.0202",
            "Bad request: %s",
            "错误的请求：%s"),
    GATEWAY_REQUEST_TIMEOUT(Family.GATEWAY, 408, "APIGW.0203",
            "Request timeout: the body did not arrive within %d seconds",
            "请求超时：请求体未在 %d 秒内到达"),
    GATEWAY_THROTTLED(Family.GATEWAY, 429, "APIGW.0308",
            "The request is throttled",
            "请求被流控"),

    // IAM, with its published codes.
    IAM_UNAUTHORIZED(Family.IAM, 401, "IAM.0001",
            "The request you have made requires authentication: %s",
            "请求需要认证：%s"),
    IAM_FORBIDDEN(Family.IAM, 403, "IAM.0002",
            "You are not authorized to perform the requested action: %s",
            "您无权执行请求的操作：%s"),
    IAM_INVALID_PARAMETER(Family.IAM, 400, "IAM.0007",
            "Request parameter %s is invalid.",
            "请求参数 %s 无效。"),
    IAM_INTERNAL_ERROR(Family.IAM, 500, "IAM.0500",
            "Internal server error (reference %s)",
            "服务内部错误（参考编号 %s）"),

    // The emulator's control API.
    ADMIN_INVALID_INPUT(Family.ADMIN, 400, "BATCHOPS.0400",
            "Invalid parameter %s",
            "参数无效：%s"),
    ADMIN_UNAUTHORIZED(Family.ADMIN, 401, "BATCHOPS.0401",
            "X-Batchops-Admin-Token is missing or wrong",
            "X-Batchops-Admin-Token 缺失或错误"),
    ADMIN_NOT_FOUND(Family.ADMIN, 404, "BATCHOPS.0404",
            "%s does not exist",
            "%s 不存在"),
    ADMIN_INTERNAL_ERROR(Family.ADMIN, 500, "BATCHOPS.0500",
            "Internal server error (reference %s)",
            "服务内部错误（参考编号 %s）"),
    ADMIN_UNAVAILABLE(Family.ADMIN, 503, "BATCHOPS.0503",
            Unavailable.ENGLISH, Unavailable.CHINESE),

    // SMS. SMS.1801 to SMS.1803 are batchops' choices: SMS publishes none for these; the others are Huawei's.
    SMS_INTERNAL_ERROR(Family.SMS, 500, "SMS.2007",
            "Internal server error (reference %s)",
            "服务内部错误（参考编号 %s）"),
    SMS_UNAVAILABLE(Family.SMS, 503, "SMS.1805",
            Unavailable.ENGLISH, Unavailable.CHINESE),
    SMS_INVALID_PARAMETER(Family.SMS, 400, "SMS.1801",
            "Invalid parameter %s",
            "参数无效：%s"),
    SMS_TASK_NOT_FOUND(Family.SMS, 404, "SMS.1802",
            "%d task(s) do not exist",
            "%d 个任务不存在"),
    SMS_SOURCE_NOT_FOUND(Family.SMS, 404, "SMS.1803",
            "The source server %s does not exist",
            "源端服务器 %s 不存在"),
    SMS_SOURCES_NOT_FOUND(Family.SMS, 404, "SMS.1803",
            "%d source server(s) do not exist",
            "%d 个源端服务器不存在"),
    SMS_TASK_OPERATION_REFUSED(Family.SMS, 400, "SMS.1804",
            "The operation %s is not allowed: %s",
            "不允许操作 %s：%s"),
    SMS_TASK_NOT_STOPPABLE(Family.SMS, 400, "SMS.1038",
            "Only running or syncing tasks can be stopped; the task is %s",
            "只有运行中或同步中的任务能够被暂停，当前任务为 %s"),
    SMS_TASK_NOT_STARTABLE(Family.SMS, 400, "SMS.1039",
            "Only a ready, stopped or failed task can be started; the task is %s",
            "只有就绪、已暂停或失败的任务能够被启动，当前任务为 %s"),
    SMS_TASK_NOT_RESTARTABLE(Family.SMS, 400, "SMS.1040",
            "Only a failed or stopped task can be restarted; the task is %s",
            "只有失败或已暂停的任务能够被重启，当前任务为 %s"),
    SMS_SOURCE_NOT_DELETABLE(Family.SMS, 400, "SMS.2015",
            "%d source server(s) cannot be deleted: connected and in a status that blocks deletion",
            "%d 个源端服务器无法删除：已连接且处于不允许删除的状态"),
    SMS_TASK_SOURCE_NOT_FOUND(Family.SMS, 400, "SMS.2216",
            "The specified source server %s does not exist",
            "指定的源端服务器 %s 不存在"),
    SMS_TASK_NOT_DELETABLE(Family.SMS, 400, "SMS.2015",
            "%d task(s) cannot be deleted: the source server is connected and in a status that blocks deletion",
            "%d 个任务无法删除：源端服务器已连接且处于不允许删除的状态"),
    SMS_PERMISSION_DENIED(Family.SMS, 403, "SMS.9004",
            "The current account does not have the permission to execute policy. %s",
            "当前账号没有执行策略的权限。%s"),

    // DRS, whole request.
    DRS_INTERNAL_ERROR(Family.DRS, 500, "DRS.M00004",
            "Internal server error (reference %s)",
            "服务内部错误（参考编号 %s）"),
    // batchops' code: DRS publishes none for a service that is down for a while; M99 is outside its numbering.
    DRS_UNAVAILABLE(Family.DRS, 503, "DRS.M99503",
            Unavailable.ENGLISH, Unavailable.CHINESE),
    DRS_MALFORMED_BODY(Family.DRS, 400, "DRS.M00007",
            "Invalid request body: %s",
            "请求体无效：%s"),
    // Huawei's published table: M00201 "The %s parameter is empty", M00200 a parameter error,
    // M00202 "The value of %s is invalid".
    DRS_MISSING_PARAMETER(Family.DRS, 400, "DRS.M00201",
            "The parameter is empty: %s",
            "参数为空：%s"),
    DRS_INVALID_PARAMETER(Family.DRS, 400, "DRS.M00200",
            "Parameter error: %s",
            "参数错误：%s"),
    DRS_PARAMETER_OUT_OF_RANGE(Family.DRS, 400, "DRS.M00202",
            "Invalid parameter %s",
            "参数值无效：%s"),
    DRS_PAGE_INVALID(Family.DRS, 400, "DRS.M00210",
            "The page number is invalid: %s",
            "页码无效：%s"),
    DRS_PAGE_SIZE_OVER_LIMIT(Family.DRS, 400, "DRS.M00211",
            "The number of entries per page is over the limit: %s",
            "每页条数超出限制：%s"),
    DRS_INVALID_PROJECT(Family.DRS, 403, "DRS.M00261",
            "Invalid project ID: %s",
            "项目ID无效：%s"),
    DRS_PERMISSION_DENIED(Family.DRS, 403, "DRS.M00102",
            "%s",
            "%s"),

    // DRS, one job inside a 202 answer.
    DRS_STATUS_NOT_ALLOWED(Family.DRS, 400, "DRS.M00304",
            "The operation is not allowed in the task's current status (%s).",
            "当前任务状态（%s）不允许该操作。"),
    DRS_JOB_BUSY(Family.DRS, 400, "DRS.M01504",
            "Another operation is being performed on the migration task or the migration task is abnormal. Try again later.",
            "迁移任务正在进行其他操作或任务异常，请稍后重试。"),
    DRS_JOB_NOT_FOUND(Family.DRS, 400, "DRS.M05003",
            "The task does not exist.",
            "任务不存在。"),
    DRS_JOB_DELETED(Family.DRS, 400, "DRS.M05004",
            "The task has already been deleted or released.",
            "任务已被删除或释放。");

    /** One text for each family's 503: the store's reason goes to the log, the reference to the client. */
    private static final class Unavailable {
        static final String ENGLISH = "Service temporarily unavailable (reference %s): retry after the Retry-After seconds";
        static final String CHINESE = "服务暂时不可用（参考编号 %s）：请在 Retry-After 秒后重试";
    }

    private final Family family;
    private final int status;
    private final String code;
    private final String english;
    private final String chinese;

    ErrorCode(Family family, int status, String code, String english, String chinese) {
        this.family = family;
        this.status = status;
        this.code = code;
        this.english = english;
        this.chinese = chinese;
    }

    public Family family() {
        return family;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The entry of this table with the code {@code code}, if there is one. */
    public static java.util.Optional<ErrorCode> ofCode(String code) {
        return java.util.Arrays.stream(values()).filter(entry -> entry.code.equals(code)).findFirst();
    }

    public String message(Language language, Object... args) {
        return String.format(language == Language.ZH_CN ? chinese : english, args);
    }

    /**
     * The code for bad input in {@code field}: DRS tells the problems apart, and a page number or size
     * out of its bounds has a code of its own (cur_page, per_page, in a listing or a page_req).
     */
    public static ErrorCode invalidInput(Family family, InputProblem problem, String field) {
        if (family == Family.DRS && problem == InputProblem.OUT_OF_RANGE) {
            if (field.equals("cur_page") || field.endsWith(".cur_page")) {
                return DRS_PAGE_INVALID;
            }
            if (field.equals("per_page") || field.endsWith(".per_page")) {
                return DRS_PAGE_SIZE_OVER_LIMIT;
            }
        }
        return invalidInput(family, problem);
    }

    /**
     * The code for bad input: DRS tells the problems apart, SMS and the control API have one code for
     * all. The gateway's own paths take no input, so its family falls back to the SMS code.
     */
    public static ErrorCode invalidInput(Family family, InputProblem problem) {
        if (family == Family.ADMIN) {
            return ADMIN_INVALID_INPUT;
        }
        if (family == Family.IAM) {
            return IAM_INVALID_PARAMETER;
        }
        if (family != Family.DRS) {
            return SMS_INVALID_PARAMETER;
        }
        return switch (problem) {
            case MALFORMED -> DRS_MALFORMED_BODY;
            case MISSING -> DRS_MISSING_PARAMETER;
            case INVALID -> DRS_INVALID_PARAMETER;
            case OUT_OF_RANGE -> DRS_PARAMETER_OUT_OF_RANGE;
        };
    }

    /** The code for a store that cannot serve for a while, serving a path of this family (IAM's paths need no store). */
    public static ErrorCode unavailable(Family family) {
        return switch (family) {
            case DRS -> DRS_UNAVAILABLE;
            case ADMIN -> ADMIN_UNAVAILABLE;
            default -> SMS_UNAVAILABLE;
        };
    }

    /** The code for an unexpected failure while serving a path of this family. */
    public static ErrorCode internal(Family family) {
        return switch (family) {
            case DRS -> DRS_INTERNAL_ERROR;
            case ADMIN -> ADMIN_INTERNAL_ERROR;
            case IAM -> IAM_INTERNAL_ERROR;
            default -> SMS_INTERNAL_ERROR;
        };
    }
}
