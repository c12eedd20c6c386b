package io.onsale.edge.platform;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs that never block. {@link UUID#randomUUID()} draws from the JVM's shared SecureRandom,
 * which on Linux reads {@code /dev/urandom} under a lock: file I/O on a Netty event loop, for every request that
 * needs an id. The ids made here only have to be unique, not secret: request ids that pair a command with its answer,
 * payment ids and request ids the edge picks when the buyer sent no Idempotency-Key, the sandbox's authorization ids.
 * None of them grants anything to whoever knows it (every read and action also checks the buyer's token), so a
 * per-thread generator seeded without I/O is enough; an id that must be unguessable needs a SecureRandom instead.
 */
public final class RandomIds {

    private static final long VERSION_MASK = 0xF000L;
    private static final long VERSION_4 = 0x4000L;
    private static final long VARIANT_MASK = 0xC000_0000_0000_0000L;
    private static final long VARIANT_IETF = 0x8000_0000_0000_0000L;

    private RandomIds() {}

    /** Same form as {@link UUID#randomUUID()}, so ids parse and look the same as before. */
    public static UUID uuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~VERSION_MASK) | VERSION_4;
        long least = (random.nextLong() & ~VARIANT_MASK) | VARIANT_IETF;
        return new UUID(most, least);
    }
}
