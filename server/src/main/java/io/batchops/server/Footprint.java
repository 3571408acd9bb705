package io.batchops.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives memory back once the server is idle. The server sits on a laptop or a CI agent between
 * bursts of tests, and by default G1 keeps every page a burst (or a large seed) made it take. These
 * G1 options are manageable, so the server sets them on itself at start, unless given on the
 * command line: a concurrent collection after {@value #IDLE_MILLIS} ms without any, after which
 * at most {@value #MAX_FREE_PERCENT}% of the heap stays committed but free.
 */
final class Footprint {
    private static final long IDLE_MILLIS = 3_000;
    private static final int MAX_FREE_PERCENT = 30;
    /** The JVM refuses a maximum below the minimum free ratio (40 by default). */
    private static final int MIN_FREE_PERCENT = 10;
    private static final Logger LOG = Logger.getLogger(Footprint.class.getName());

    private Footprint() {
    }

    static void giveBackWhenIdle() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                return;
            }
            setUnlessGiven(vm, "G1PeriodicGCInterval", Long.toString(IDLE_MILLIS));
            if (setUnlessGiven(vm, "MinHeapFreeRatio", Integer.toString(MIN_FREE_PERCENT))) {
                setUnlessGiven(vm, "MaxHeapFreeRatio", Integer.toString(MAX_FREE_PERCENT));
            }
        } catch (RuntimeException e) {
            // Another JVM, or options it does not let us change: its defaults stand.
            LOG.log(Level.FINE, "Heap options left at the JVM's defaults", e);
        }
    }

    private static boolean setUnlessGiven(HotSpotDiagnosticMXBean vm, String option, String value) {
        if (vm.getVMOption(option).getOrigin() != VMOption.Origin.DEFAULT) {
            return false;
        }
        vm.setVMOption(option, value);
        return true;
    }
}
