package dev.mlops.serve;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates request ids cheaply on the serving path: a random prefix per server (so ids of two servers or two runs
 * do not collide) and a counter, e.g. {@code 3f9a0c1d-17}. Thread-safe and lock-free.
 */
final class RequestIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    RequestIds() {
        this.prefix = Integer.toHexString(new SecureRandom().nextInt() | 0x1000_0000) + "-";
    }

    /** A fresh id. */
    String next() {
        return prefix + next.getAndIncrement();
    }

    /** The caller's id, or a fresh one when it is null; a blank id is a mistake. */
    String orNext(String requestId) {
        if (requestId == null) {
            return next();
        }
        if (requestId.isBlank()) {
            throw new IllegalArgumentException("A request id must not be blank; pass null to have one generated");
        }
        return requestId;
    }
}
