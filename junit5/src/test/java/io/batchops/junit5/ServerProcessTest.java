package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The server's JVM as the extension keeps it: handed on to the next start alike, its lines in the test's SLF4J. */
class ServerProcessTest {

    @Test
    void aLaterStartAlikeGetsTheKeptServerAsIfNew() {
        BatchopsExtension first = BatchopsExtension.create().start();
        String url = first.baseUrl();
        first.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
        first.control().throttle("deleteTasks", 1);
        first.stop();

        BatchopsExtension second = BatchopsExtension.create().start();
        try {
            assertEquals(url, second.baseUrl(), "the same server, kept");
            assertEquals(List.of(), second.control().exportState().getSms().getTasks(), "its state reset");
            assertEquals(List.of(), second.control().listFaults(), "its fault rules removed");
            assertEquals(List.of(), second.control().requests(), "its journal emptied");
        } finally {
            second.stop();
        }
    }

    @Test
    void aStartConfiguredOtherwiseGetsAServerOfItsOwn() {
        BatchopsExtension developer = BatchopsExtension.create().start();
        BatchopsExtension alice = BatchopsExtension.create().withCredentials(Path.of("src/test/resources/principals.json"))
                .start();
        try {
            assertNotEquals(developer.baseUrl(), alice.baseUrl());
            assertEquals("developer", developer.principal().name());
            assertNotEquals("developer", alice.principal().name());
        } finally {
            alice.stop();
            developer.stop();
        }
    }

    @Test
    void theServersLinesGoToTheTestsSlf4jBinding() throws InterruptedException {
        Logger requests = (Logger) LoggerFactory.getLogger("batchops.request");
        Level was = requests.getLevel();
        requests.setLevel(Level.INFO);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        requests.addAppender(lines);
        BatchopsExtension batchops = BatchopsExtension.create().start();
        try {
            batchops.sms().listTasks(new ListTasksRequest());
            // The server writes its request lines in blocks, about every 100 ms.
            for (int i = 0; i < 100 && received(lines).stream().noneMatch(ServerProcessTest::isListTasks); i++) {
                Thread.sleep(50);
            }
            List<ILoggingEvent> received = received(lines);
            assertTrue(received.stream().anyMatch(ServerProcessTest::isListTasks),
                    () -> "no request line for GET /v3/tasks among " + received);
        } finally {
            requests.detachAppender(lines);
            requests.setLevel(was);
            batchops.stop();
        }
    }

    /** The lines so far: the server's reader thread appends while the test reads (under the appender's lock). */
    private static List<ILoggingEvent> received(ListAppender<ILoggingEvent> lines) {
        synchronized (lines) {
            return List.copyOf(lines.list);
        }
    }

    private static boolean isListTasks(ILoggingEvent line) {
        return line.getFormattedMessage().startsWith("GET /v3/tasks");
    }
}
