package io.onsale.loadgen.simulate;

import io.onsale.loadgen.auth.Role;
import io.onsale.loadgen.auth.TokenMinter;
import io.onsale.loadgen.client.Answer;
import io.onsale.loadgen.client.ConfigureAck;
import io.onsale.loadgen.client.EdgeApi;
import io.onsale.loadgen.client.EdgeCallException;
import io.onsale.loadgen.client.EventConfig;
import io.onsale.loadgen.client.EventConfig.Section;
import io.onsale.loadgen.client.EventView;
import io.onsale.loadgen.client.SeatMap;
import io.onsale.loadgen.simulate.Metrics.Count;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An on-sale over HTTP only: configure the event, let buyers arrive as planned (early ones wait for the opening),
 * follow each one's journey without a thread per buyer, then audit what the edge says against what buyers were told.
 * The same code runs from the command line and from tests; the edge, the clock and the output are its arguments.
 */
final class Simulation {

    /** The buyer id the audit reads events and seat maps as. */
    static final String AUDITOR = "auditor";

    static final String ORGANIZER = "organizer-sim";
    static final Duration READY_BUDGET = Duration.ofSeconds(120);
    static final Duration POLL_EVERY = Duration.ofMillis(200);
    static final long TICK_MILLIS = 5;

    /** Everything a run is made of; see {@code SimulateCommand} for what each means and its default. */
    record Settings(
            String eventId,
            int buyers,
            int seats,
            double gaShare,
            BuyerPlan.Mix mix,
            Behaviour behaviour,
            WaitingRoomPlan waitingRoom,
            int maxInFlight,
            Duration timeout,
            int holdWindowMinutes,
            Duration setupMargin,
            Duration maxDuration,
            Duration settleBudget,
            Duration progressEvery,
            long seed) {}

    /**
     * How a run ended, with everything the report prints. {@code soldOutAfterOpeningMillis}: when every ticket was sold
     * or held at once (tickets held minus those given back reached capacity), -1 if never;
     * {@code queueSoldOutAfterOpeningMillis}: when a buyer first heard SOLD_OUT from the waiting room, -1 if never.
     */
    record Run(
            Settings settings,
            Venue venue,
            Instant startedAt,
            Instant saleOpensAt,
            String acknowledgement,
            Duration setup,
            Duration selling,
            Duration audit,
            Metrics metrics,
            Audit.Result result,
            long soldOutAfterOpeningMillis,
            long queueSoldOutAfterOpeningMillis,
            int unfinished,
            double loadAverageBefore,
            double loadAverageAfter) {}

    /** The run could not be made or judged (setup refused, edge unreachable, seats taken before the sale). */
    static final class CouldNotRun extends RuntimeException {
        CouldNotRun(String message) {
            super(message);
        }
    }

    private final EdgeApi api;
    private final EdgeApi organizerApi;
    private final TokenMinter minter;
    private final Clock clock;
    private final PrintWriter progress;

    /**
     * @param api          the buyers' client
     * @param organizerApi the organizer's: its read timeout must exceed the edge's own wait before it answers a
     *                     configuration 202 (10 s by default)
     */
    Simulation(EdgeApi api, EdgeApi organizerApi, TokenMinter minter, Clock clock, PrintWriter progress) {
        this.api = api;
        this.organizerApi = organizerApi;
        this.minter = minter;
        this.clock = clock;
        this.progress = progress;
    }

    Run run(Settings settings) throws InterruptedException {
        double loadBefore = loadAverage();
        Instant startedAt = clock.instant();
        long setupStarted = System.nanoTime();
        Venue venue = Venue.of(settings.seats(), settings.gaShare());
        BuyerPlan plan = BuyerPlan.create(settings.buyers(), venue, settings.mix(), settings.seed());
        Instant saleOpensAt = startedAt
                .plus(settings.setupMargin())
                .plusMillis(settings.mix().preOpenMillis())
                .truncatedTo(ChronoUnit.MILLIS);
        EventConfig config = venue.config(
                "Simulated on-sale " + settings.eventId(),
                saleOpensAt,
                settings.holdWindowMinutes(),
                settings.waitingRoom().policy(settings.buyers()));
        String acknowledgement = configure(settings.eventId(), config);
        awaitReady(settings.eventId(), venue);
        Duration setup = Duration.ofNanos(System.nanoTime() - setupStarted);

        Metrics metrics = new Metrics();
        Ledger ledger = new Ledger();
        QueueLedger queue = new QueueLedger();
        AtomicLong queueSoldOut = new AtomicLong(-1);
        InFlightLimit limit = new InFlightLimit(settings.maxInFlight());
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "simulation-timer");
            thread.setDaemon(true);
            return thread;
        });
        long openNanos = System.nanoTime()
                + Duration.between(clock.instant(), saleOpensAt).toNanos();
        long firstArrivalNanos =
                openNanos - TimeUnit.MILLISECONDS.toNanos(settings.mix().preOpenMillis());
        if (firstArrivalNanos < System.nanoTime()) {
            progress.printf(
                    "note: the event was ready %d ms after the first buyers were due; they arrive now%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstArrivalNanos));
        }
        CountDownLatch finished = new CountDownLatch(settings.buyers());
        AtomicLong soldOutAt = new AtomicLong(-1);
        int capacity = venue.capacity();
        Journey.Context context = new Journey.Context(
                api,
                limit,
                timer,
                metrics,
                ledger,
                queue,
                settings.behaviour(),
                settings.waitingRoom().enabled(),
                settings.eventId(),
                openNanos,
                System::nanoTime,
                finished::countDown,
                queueSoldOut);
        List<BuyerPlan.Buyer> buyers = plan.buyers();
        AtomicInteger next = new AtomicInteger();
        long sellingStarted = System.nanoTime();
        ScheduledFuture<?> arrivals = timer.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    while (next.get() < buyers.size()
                            && openNanos
                                            + TimeUnit.MILLISECONDS.toNanos(
                                                    buyers.get(next.get()).arrivalMillis())
                                    <= now) {
                        BuyerPlan.Buyer buyer = buyers.get(next.getAndIncrement());
                        new Journey(context, buyer, minter.mint(buyer.buyerId(), Role.BUYER)).start();
                    }
                    if (soldOutAt.get() < 0 && soldOrHeld(metrics) >= capacity) {
                        soldOutAt.compareAndSet(-1, TimeUnit.NANOSECONDS.toMillis(now - openNanos));
                    }
                },
                0,
                TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        Progress meter = new Progress(progress, metrics, limit, settings.buyers(), capacity, openNanos);
        ScheduledFuture<?> printing = timer.scheduleAtFixedRate(
                meter::print,
                settings.progressEvery().toMillis(),
                settings.progressEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        // On the whole seconds after the opening, the same time base as the per-second counts.
        ScheduledFuture<?> sampling = timer.scheduleAtFixedRate(
                () -> metrics.sampleQueueLength(System.nanoTime() - openNanos),
                Math.max(0, openNanos - System.nanoTime()),
                TimeUnit.SECONDS.toNanos(1),
                TimeUnit.NANOSECONDS);
        boolean done = finished.await(
                settings.maxDuration().toMillis()
                        + Math.max(0, TimeUnit.NANOSECONDS.toMillis(openNanos - System.nanoTime())),
                TimeUnit.MILLISECONDS);
        arrivals.cancel(false);
        printing.cancel(false);
        sampling.cancel(false);
        metrics.sampleQueueLength(System.nanoTime() - openNanos);
        if (soldOutAt.get() < 0 && soldOrHeld(metrics) >= capacity) {
            soldOutAt.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openNanos));
        }
        meter.print();
        Duration selling = Duration.ofNanos(System.nanoTime() - sellingStarted);
        int unfinished = done ? 0 : (int) finished.getCount();

        progress.printf(
                "auditing: %d held order(s) to read back, %d section(s)...%n",
                ledger.held().size(), venue.sections().size());
        progress.flush();
        long auditStarted = System.nanoTime();
        Audit.Result result = new Audit(api, limit, this::token, metrics, settings.settleBudget(), System::nanoTime)
                .run(settings.eventId(), venue, ledger, queue);
        if (unfinished > 0) {
            result.problems()
                    .add(
                            0,
                            unfinished + " buyer(s) had not finished after --max-duration "
                                    + settings.maxDuration().toSeconds() + " s");
        }
        Duration audit = Duration.ofNanos(System.nanoTime() - auditStarted);
        timer.shutdownNow();
        long queueSoldOutMillis =
                queueSoldOut.get() < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(queueSoldOut.get() - openNanos);
        return new Run(
                settings,
                venue,
                startedAt,
                saleOpensAt,
                acknowledgement,
                setup,
                selling,
                audit,
                metrics,
                result,
                soldOutAt.get(),
                queueSoldOutMillis,
                unfinished,
                loadBefore,
                loadAverage());
    }

    /** Tickets taken right now as buyers were told: every hold, less what was cancelled or expired at payment. */
    static long soldOrHeld(Metrics metrics) {
        return metrics.get(Count.TICKETS_HELD) - metrics.get(Count.TICKETS_RELEASED);
    }

    private String token(String buyerId) {
        return minter.mint(buyerId, Role.BUYER);
    }

    /**
     * PUT the config. The edge answers once the event is live on it, or 202 after its own wait (10 s by default), so
     * on a busy machine the answer can miss the read timeout: the PUT is idempotent, so it is sent again (three tries),
     * and readiness is checked through the API afterwards anyway.
     */
    private String configure(String eventId, EventConfig config) {
        String organizer = minter.mint(ORGANIZER, Role.ORGANIZER);
        Answer<ConfigureAck> answer = null;
        for (int attempt = 1; answer == null; attempt++) {
            try {
                answer = organizerApi.configureEvent(eventId, config, organizer).join();
            } catch (java.util.concurrent.CompletionException e) {
                boolean timeout =
                        e.getCause() instanceof EdgeCallException call && call.kind() == EdgeCallException.Kind.TIMEOUT;
                if (!timeout || attempt == 3) {
                    throw e;
                }
                progress.printf(
                        "note: the event configuration got no answer in time (try %d of 3); sending it again%n",
                        attempt);
                progress.flush();
            }
        }
        if (!answer.ok()) {
            String hint = answer.status() == 401 || answer.status() == 403
                    ? " (do --secret, --issuer and --audience match the edge's token settings?)"
                    : "";
            throw new CouldNotRun("the edge refused the event configuration: "
                    + answer.problem().describe()
                    + (answer.problem().errors().isEmpty()
                            ? ""
                            : " " + answer.problem().errors()) + hint);
        }
        return answer.body() == null || answer.body().status() == null
                ? String.valueOf(answer.status())
                : answer.body().status();
    }

    /** Until every seat map lists every seat, all AVAILABLE, and the floor is counted. */
    private void awaitReady(String eventId, Venue venue) throws InterruptedException {
        long deadline = System.nanoTime() + READY_BUDGET.toNanos();
        String auditor = token(AUDITOR);
        String waitingFor = "the event";
        while (System.nanoTime() < deadline) {
            waitingFor = notReady(eventId, venue, auditor);
            if (waitingFor == null) {
                return;
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
        throw new CouldNotRun("event " + eventId + " was not ready after " + READY_BUDGET.toSeconds()
                + " s: still waiting" + " for " + waitingFor);
    }

    private String notReady(String eventId, Venue venue, String auditor) {
        Answer<EventView> event = api.event(eventId, auditor).join();
        if (!event.ok()) {
            return "the event (" + event.problem().describe() + ")";
        }
        for (Section section : venue.sections()) {
            if (!section.isReserved()) {
                if (event.body()
                        .section(section.sectionId())
                        .map(EventView.SectionView::availability)
                        .isEmpty()) {
                    return "the availability of section " + section.sectionId();
                }
                continue;
            }
            Answer<SeatMap> map =
                    api.seats(eventId, section.sectionId(), auditor).join();
            if (!map.ok()) {
                return "the seat map of " + section.sectionId() + " ("
                        + map.problem().describe() + ")";
            }
            if (map.body().seats().size() < section.seats().size()) {
                return "the seat map of " + section.sectionId() + " ("
                        + map.body().seats().size() + " of " + section.seats().size() + " seats)";
            }
            long taken = map.body().seats().stream()
                    .filter(seat -> !SeatMap.AVAILABLE.equals(seat.status()))
                    .count();
            if (taken > 0) {
                throw new CouldNotRun("event " + eventId + " already has " + taken
                        + " seat(s) not AVAILABLE in section " + section.sectionId()
                        + " before the sale, probably from an earlier run: use a new --event");
            }
        }
        return null;
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Rethrown by the command as exit 2. */
    static RuntimeException couldNotRun(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        if (cause instanceof EdgeCallException || cause instanceof CouldNotRun) {
            return new CouldNotRun(cause.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new RuntimeException(cause);
    }
}
