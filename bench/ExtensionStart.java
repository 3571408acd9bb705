import io.batchops.junit5.BatchopsExtension;
import java.util.ArrayList;
import java.util.List;

/**
 * How long BatchopsExtension takes to start batchops (a JVM of its own, from the jar inside the
 * extension's): the first start in a fresh JVM (cold), then the median of the later ones (warm: the
 * kept server, reset, as a test run's second class onwards has it).
 * Usage: java -cp CLASSPATH bench/ExtensionStart.java STARTS
 */
public class ExtensionStart {
    public static void main(String[] args) {
        int starts = Integer.parseInt(args[0]);
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < starts; i++) {
            BatchopsExtension batchops = BatchopsExtension.create().start();
            millis.add(batchops.startTime().toNanos() / 1e6);
            batchops.control().resetAll();
            batchops.stop();
        }
        List<Double> warm = new ArrayList<>(millis.subList(starts / 2, starts));
        warm.sort(null);
        System.out.printf("RESULT cold_ms=%.0f warm_median_ms=%.0f warm_max_ms=%.0f starts=%d%n",
                millis.get(0), warm.get(warm.size() / 2), warm.get(warm.size() - 1), starts);
    }
}
