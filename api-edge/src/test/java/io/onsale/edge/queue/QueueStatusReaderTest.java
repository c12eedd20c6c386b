package io.onsale.edge.queue;

import static io.onsale.edge.queue.QueueTestData.KEY;
import static io.onsale.edge.queue.QueueTestData.NOW;
import static io.onsale.edge.queue.QueueTestData.queuing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onsale.kafka.topics.Topics;
import io.onsale.queue.tokens.AdmissionTokens;
import io.onsale.queue.tokens.QueueTicket;
import io.onsale.queue.tokens.QueueTickets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/**
 * The status streams fed by the progress view's one reader thread: what that thread does for each stream, and what a
 * stream that stopped reading gets when it reads again. The test's thread stands in for the reader's.
 */
class QueueStatusReaderTest {

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final QueueProgressView view =
            new QueueProgressView(null, Topics.from(Topics.Settings.defaults()), Duration.ofHours(2), CLOCK);
    private final QueueStatusReader reader = new QueueStatusReader(
            new QueueTickets(KEY),
            new AdmissionTokens(KEY),
            view,
            new EtaAccuracy(1_000, Duration.ofHours(1)),
            CLOCK,
            Duration.ofSeconds(2));

    @Test
    void aStreamThatStopsReadingGetsTheNewestStatusWhenItReadsAgainNotTheOnesItMissed() {
        view.accept(queuing("E1", 100, 10).build());

        StepVerifier.create(
                        reader.statuses(QueueTicket.position("E1", "alice", 1_000))
                                .map(QueueStatus::servingCounter),
                        1)
                .expectNext(100L)
                .then(() -> LongStream.rangeClosed(101, 200)
                        .forEach(serving ->
                                view.accept(queuing("E1", serving, 10).build())))
                .thenRequest(1)
                .expectNext(200L)
                .then(() -> view.accept(queuing("E1", 201, 10).build()))
                .thenRequest(1)
                .expectNext(201L)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void theReaderThreadOnlyHandsAChangeOnAndNoStreamsStatusIsWorkedOutOnIt() {
        view.accept(queuing("E1", 100, 10).build());
        Set<Thread> workedOn = ConcurrentHashMap.newKeySet();
        Set<String> told = ConcurrentHashMap.newKeySet();
        List<Disposable> streams = IntStream.range(0, 100)
                .mapToObj(i -> reader.statuses(QueueTicket.position("E1", "b-" + i, 1_000 + i))
                        .filter(status -> status.servingCounter() == 101)
                        .subscribe(status -> {
                            workedOn.add(Thread.currentThread());
                            told.add("b-" + i);
                        }))
                .toList();

        view.accept(queuing("E1", 101, 10).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 100);
        assertThat(workedOn).doesNotContain(Thread.currentThread());
        streams.forEach(Disposable::dispose);
    }
}
