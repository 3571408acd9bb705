package io.batchops.server.errors;

/**
 * What the server depends on cannot serve for a while: the store's database cannot be reached, is
 * shutting down, has no room (a full disk), or was closed by such a failure. Nothing of the request
 * was applied, and it passes by itself: answered 503 with {@code Retry-After}.
 */
public final class UnavailableException extends RuntimeException {
    public UnavailableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
