package io.onsale.edge.platform;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * What BlockHound lets the edge's tests do on a non-blocking thread: only framework reads that happen once (the result
 * is kept), never per request. Anything else that blocks there fails the test that made it, and is printed with its
 * stack even when the code under test swallows the error (a 500, an onErrorResume), so none goes unseen.
 *
 * <p>Loaded by blockhound-junit-platform through META-INF/services.
 */
public class OneTimeFrameworkReads implements BlockHoundIntegration {

    /** Starts each report in the test output ({@code grep -r '\[blockhound\]' target/*-reports}), with the thread. */
    static final String MARK = "[blockhound] ";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // springdoc scans the classpath for @OpenAPIDefinition, @SecurityScheme and @Webhooks classes when it builds
        // the document; the built document is cached (per locale), so the scans run on the first /v3/api-docs request.
        builder.allowBlockingCallsInside("org.springdoc.core.service.OpenAPIService", "getApiDefClass");
        builder.allowBlockingCallsInside("org.springdoc.core.service.OpenAPIService", "getSecuritySchemesClasses");
        builder.allowBlockingCallsInside("org.springdoc.core.service.OpenAPIService", "getWebhooksClasses");
        // The webjar's version is read from its pom.properties on the first swagger-ui request, then kept in the
        // locator's cache.
        builder.allowBlockingCallsInside("org.webjars.WebJarVersionLocator", "version");
        // Netty's zstd support loads zstd-jni's native library (read from its jar) in a static initializer, on the
        // first response a WebClient's decompressor handles. Blocked there, it fails silently: zstd stays off for good.
        builder.allowBlockingCallsInside("io.netty.handler.codec.compression.Zstd", "<clinit>");
        // Jackson builds a type's deserializer once, under its cache's lock: requests that first read that type at the
        // same moment (a burst of the first payments) wait for the one building it, once; then it is cached.
        builder.allowBlockingCallsInside(
                "tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
        // Not the edge: the tests' own HTTP client (the simulator's EdgeApi) completes a future on its Netty loop, and
        // a
        // test's continuation of it may wait there for another answer. That loop serves the test, never the edge.
        builder.allowBlockingCallsInside("io.onsale.loadgen.client.EdgeApi$1", "onNext");
        // The same client's connection pool hands a request to a connection through a blocking queue on its own loop.
        builder.allowBlockingCallsInside("io.micronaut.http.client.netty.Pool49$PendingRequest", "dispatchLocal");
        // Netty's adaptive buffer allocator grows its set of magazines under a StampedLock held for a few instructions;
        // a burst of responses allocating at once (the payments burst) may meet it. Not a wait on I/O or on other work.
        builder.allowBlockingCallsInside(
                "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // Micrometer's percentile histograms (HdrHistogram's DoubleRecorder) shift their range when a value falls
        // outside it, and wait there for recordings in flight on other threads with Thread.yield
        // (WriterReaderPhaser.flipPhase): a few instructions, not I/O. Failed there, the histogram stayed half-shifted
        // and every later recording of that timer threw (seen as 500s on the first burst of holds in SeatRaceIT).
        builder.allowBlockingCallsInside("org.HdrHistogram.WriterReaderPhaser", "flipPhase");
        builder.blockingMethodCallback(OneTimeFrameworkReads::reportThenFail);
    }

    /** Reported before it is thrown: code that catches it (Netty's static initializers, a 500) would hide it. */
    private static void reportThenFail(BlockingMethod method) {
        BlockingOperationError error = new BlockingOperationError(method);
        System.err.println(MARK + Thread.currentThread().getName());
        error.printStackTrace();
        throw error;
    }
}
