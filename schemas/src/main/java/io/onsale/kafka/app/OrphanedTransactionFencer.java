package io.onsale.kafka.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts, within about a second of the group noticing the death, the transaction a dead member left open, instead of
 * letting it hold every read_committed reader (the standby taking its tasks over included) until the transaction
 * timeout. Four times a second it lists the app's transactions open for longer than {@link #OPEN_FOR_MS} (a live one lasts a
 * commit interval), and fences those no member of the group can finish ({@link OrphanedTransactions}) with
 * {@link Admin#fenceProducers}, which aborts them at once. So the transaction timeout can stay long enough to outlast a
 * broker failover (a live member's transaction is never fenced for being slow), and a kill -9 still costs only the
 * session timeout (docs/adr/0019). Every instance of the app runs one; fencing twice is harmless.
 */
public final class OrphanedTransactionFencer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrphanedTransactionFencer.class);

    static final long OPEN_FOR_MS = 1_000;
    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

    private final String applicationId;
    private final OrphanedTransactions orphans;
    private final Admin admin;
    private final ScheduledExecutorService sweeper;
    private final AtomicLong fenced = new AtomicLong();

    private OrphanedTransactionFencer(String applicationId, String bootstrapServers) {
        this.applicationId = applicationId;
        this.orphans = new OrphanedTransactions(applicationId);
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                applicationId + "-transaction-fencer",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis() / 2,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) CALL_TIMEOUT.toMillis()));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, applicationId + "-transaction-fencer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sweeping for {@code applicationId}'s orphaned transactions until closed. */
    public static OrphanedTransactionFencer start(String applicationId, String bootstrapServers) {
        OrphanedTransactionFencer fencer = new OrphanedTransactionFencer(applicationId, bootstrapServers);
        fencer.sweeper.scheduleWithFixedDelay(
                fencer::sweepQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return fencer;
    }

    /** Transactions this instance fenced so far. */
    public long fenced() {
        return fenced.get();
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A broker away or a coordinator moving: the next sweep tries again; the transaction timeout is the
            // backstop.
            log.debug("could not look for orphaned transactions of {}: {}", applicationId, e.toString());
        }
    }

    void sweep() throws Exception {
        List<String> open = admin
                .listTransactions(new ListTransactionsOptions()
                        .filterStates(List.of(TransactionState.ONGOING))
                        .filterOnDuration(OPEN_FOR_MS))
                .all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .stream()
                .map(TransactionListing::transactionalId)
                .filter(orphans::isOurs)
                .toList();
        if (open.isEmpty()) {
            return;
        }
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                .describedGroups()
                .get(applicationId)
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        List<String> members =
                group.members().stream().map(MemberDescription::clientId).toList();
        Set<String> toFence = orphans.toFence(open, members);
        if (toFence.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        admin.fenceProducers(toFence).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        fenced.addAndGet(toFence.size());
        log.warn(
                "aborted {} left open by stream threads no longer in group {} ({} ms; the group was {} with members {})",
                toFence,
                applicationId,
                (System.nanoTime() - started) / 1_000_000,
                group.groupState(),
                members);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
