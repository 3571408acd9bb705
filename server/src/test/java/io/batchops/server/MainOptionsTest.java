package io.batchops.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option has its environment variable, named BATCHOPS_ and the option's name in capitals: the
 * rule the messages about a bad value rely on to name the variable it came from.
 */
class MainOptionsTest {
    @Test
    void everyOptionTakesTheVariableOfItsName() {
        for (OptionSpec option : Main.command().getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String variable = "BATCHOPS_" + option.longestName().substring(2).toUpperCase(Locale.ROOT).replace('-', '_');
            String description = String.join(" ", option.description());
            assertTrue(description.contains("env " + variable), option.longestName() + ": " + description);
        }
    }
}
