package io.batchops.server.errors;

import java.util.Arrays;
import java.util.List;

/** The languages of error messages, chosen by the {@code X-Language} request header (DRS). */
public enum Language {
    EN_US("en-us"),
    ZH_CN("zh-cn");

    public static final String HEADER = "X-Language";

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /**
     * The language a header value asks for. Absent means the default, en-us; any other value is a
     * bad parameter.
     */
    public static Language parse(String header) {
        if (header == null) {
            return EN_US;
        }
        return Arrays.stream(values())
                .filter(language -> language.tag.equals(header))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidInput(Family.DRS, InputProblem.OUT_OF_RANGE,
                        HEADER, "'" + header + "' is not one of " + tags()));
    }

    /** Like {@link #parse} but never fails: error bodies are written even when the header is bad. */
    public static Language lenient(String header) {
        return Arrays.stream(values()).filter(language -> language.tag.equals(header)).findFirst().orElse(EN_US);
    }

    private static List<String> tags() {
        return Arrays.stream(values()).map(Language::tag).toList();
    }
}
