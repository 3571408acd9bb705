package io.batchops.server.telemetry;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Standard output for the request lines, written in blocks: lines are gathered in a buffer that is
 * written out when full and {@link #FLUSH_EVERY_MS} after the last write at the latest, and at stop.
 * A console appender makes a system call per line and an asynchronous one wakes a thread per line;
 * at thousands of requests a second either costs more than the request's own logging work.
 */
public final class BufferedStdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    /** How long a line may wait in the buffer: a line is seen about when its request is answered. */
    static final long FLUSH_EVERY_MS = 100;
    private static final int BUFFER_BYTES = 64 * 1024;

    private ScheduledFuture<?> flusher;

    @Override
    public void start() {
        setImmediateFlush(false);
        // Not System.out: its PrintStream flushes every write. The descriptor is shared, not owned.
        setOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), BUFFER_BYTES));
        super.start();
        flusher = getContext().getScheduledExecutorService()
                .scheduleWithFixedDelay(this::flush, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
        getContext().addScheduledFuture(flusher);
    }

    private void flush() {
        streamWriteLock.lock();
        try {
            OutputStream out = getOutputStream();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            addError("cannot write the request lines to standard output", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.cancel(false);
        }
        super.stop();
    }

    /** Writes out what is buffered; standard output itself stays open for the rest of the program. */
    @Override
    protected void closeOutputStream() {
        flush();
    }
}
