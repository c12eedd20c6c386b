package io.onsale.queue.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One event's virtual waiting room: hands out positions in the order commands arrive, serves them in metered
 * batches, lets buyers pass straight through while nobody waits and there is room, draws the pre-sale tickets at
 * opening. Every decision takes its time as an input (the command's record time, or the tick's wall-clock time)
 * and returns what it decided as {@link RoomEvent}s; the room is then saved with {@link #state()}.
 *
 * <p>Not thread-safe: one room is decided by one stream thread, command after command.
 */
public final class WaitingRoom {

    /** Window closings handled per tick, so a tick stays short; the rest close at the next one. */
    static final int WINDOW_CLOSINGS_PER_TICK = 10_000;
    /** Elapsed time counted by one tick at most: after a stall, admission does not burst. */
    static final Duration LONGEST_TICK = Duration.ofSeconds(1);
    /** Weight of the newest tick in the observed admit rate. */
    static final double RATE_SMOOTHING = 0.3;

    private final Places places;
    private final String eventId;
    private Mode mode;
    private Policy policy;
    private Policy configuredPolicy;
    private boolean paused;
    private boolean soldOut;
    private Instant saleOpensAt;
    private long presaleCount;
    private boolean presaleDrawn;
    private final String presaleSeed;
    private long lastPosition;
    private long servingCounter;
    private long waiting;
    private long activeShoppers;
    private long admittedTotal;
    private long admittedSinceTick;
    private double admitCredit;
    private double observedAdmitRate;
    private Instant lastTickAt;
    private Instant lastAdmittedAt;
    private boolean progressDue;
    private boolean progressUrgent;
    private CheckoutHealth checkout;

    private WaitingRoom(RoomState state, Places places) {
        this.places = places;
        this.eventId = state.eventId();
        this.mode = state.mode();
        this.policy = state.policy();
        this.configuredPolicy = state.configuredPolicy();
        this.paused = state.paused();
        this.soldOut = state.soldOut();
        this.saleOpensAt = state.saleOpensAt();
        this.presaleCount = state.presaleCount();
        this.presaleDrawn = state.presaleDrawn();
        this.presaleSeed = state.presaleSeed();
        this.lastPosition = state.lastPosition();
        this.servingCounter = state.servingCounter();
        this.waiting = state.waiting();
        this.activeShoppers = state.activeShoppers();
        this.admittedTotal = state.admittedTotal();
        this.admittedSinceTick = state.admittedSinceTick();
        this.admitCredit = state.admitCredit();
        this.observedAdmitRate = state.observedAdmitRate();
        this.lastTickAt = state.lastTickAt();
        this.lastAdmittedAt = state.lastAdmittedAt();
        this.progressDue = state.progressDue();
        this.checkout = state.checkout();
    }

    /**
     * A new room for an event. Before sale open it commits to {@code seed} (32 random bytes) for the pre-sale draw;
     * after sale open there is nothing to draw and the seed is not kept.
     */
    public static WaitingRoom open(
            String eventId, Policy policy, Instant saleOpensAt, byte[] seed, Places places, Instant at) {
        boolean presale = at.isBefore(saleOpensAt);
        if (presale && (seed == null || seed.length != PresaleDraw.SEED_BYTES)) {
            throw new IllegalArgumentException(
                    "a room opened before sale open needs a " + PresaleDraw.SEED_BYTES + "-byte seed");
        }
        RoomState state = RoomState.opened(
                eventId,
                presale ? Mode.PRE_SALE : Mode.PASS_THROUGH,
                policy,
                saleOpensAt,
                presale ? HexFormat.of().formatHex(seed) : null,
                at);
        WaitingRoom room = new WaitingRoom(state, places);
        room.progressUrgent = true;
        return room;
    }

    public static WaitingRoom restore(RoomState state, Places places) {
        return new WaitingRoom(state, places);
    }

    public RoomState state() {
        return new RoomState(
                eventId,
                mode,
                policy,
                configuredPolicy,
                paused,
                soldOut,
                saleOpensAt,
                presaleCount,
                presaleDrawn,
                presaleSeed,
                lastPosition,
                servingCounter,
                waiting,
                activeShoppers,
                admittedTotal,
                admittedSinceTick,
                admitCredit,
                observedAdmitRate,
                lastTickAt,
                lastAdmittedAt,
                progressDue,
                checkout);
    }

    /** Whether queue-progress must be published now (mode, policy, sold-out, draw, new room) rather than at the next tick. */
    public boolean progressUrgent() {
        return progressUrgent;
    }

    public boolean progressDue() {
        return progressDue || progressUrgent;
    }

    /** The caller published queue-progress from {@link #state()}. */
    public void progressPublished() {
        progressDue = false;
        progressUrgent = false;
    }

    // ---- commands ------------------------------------------------------------------------------------------

    /**
     * A buyer joins. A buyer with a live place gets it back unchanged; a buyer who left is refused
     * ({@link QueueReason#LEFT_QUEUE}); otherwise (first join, checkout ended, window closed) the buyer gets the next
     * pre-sale ticket (before sale open), or the next position, admitted at once if the room passes buyers through.
     */
    public List<RoomEvent> join(String requestId, String buyerId, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        Optional<Place> existing = places.find(buyerId);
        if (existing.isPresent()
                && existing.get().status() == PlaceStatus.ADMITTED
                && windowEnded(existing.get(), at)) {
            endShopping(existing.get(), PlaceStatus.DONE, QueueReason.WINDOW_CLOSED, at, events);
            existing = places.find(buyerId);
        }
        if (existing.isPresent() && existing.get().status().live()) {
            events.add(new RoomEvent.Joined(requestId, at, servingCounter, existing.get(), true));
            return events;
        }
        if (existing.isPresent() && existing.get().status() == PlaceStatus.LEFT) {
            // Leaving gives the place and the shopper slot to the next buyer; joining again must not make it a second
            // place (and a second purchase window) beside the active-shopper target.
            events.add(new RoomEvent.Rejected(requestId, at, servingCounter, buyerId, QueueReason.LEFT_QUEUE));
            return events;
        }
        Place place;
        if (!presaleDrawn) {
            presaleCount++;
            place = Place.presale(buyerId, requestId, presaleCount, at);
            places.enterPresale(presaleCount, buyerId);
            waiting++;
        } else {
            lastPosition++;
            if (passesThrough()) {
                servingCounter = lastPosition;
                place = admit(Place.waiting(buyerId, requestId, lastPosition, at), at);
            } else {
                place = Place.waiting(buyerId, requestId, lastPosition, at);
                places.hold(lastPosition, buyerId);
                waiting++;
            }
        }
        places.save(place);
        progressDue = true;
        events.add(new RoomEvent.Joined(requestId, at, servingCounter, place, false));
        updateMode(at, events);
        return events;
    }

    /** A buyer gives up the place (and, if admitted, the shopper slot). */
    public List<RoomEvent> leave(String requestId, String buyerId, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        Optional<Place> existing =
                places.find(buyerId).filter(place -> place.status().live());
        if (existing.isEmpty()) {
            events.add(new RoomEvent.Rejected(requestId, at, servingCounter, buyerId, QueueReason.NOT_IN_QUEUE));
            return events;
        }
        Place place = existing.get();
        Place left;
        if (place.status() == PlaceStatus.ADMITTED) {
            left = endShopping(place, PlaceStatus.LEFT, QueueReason.LEFT, at, events);
        } else {
            if (place.status() == PlaceStatus.WAITING) {
                places.vacate(place.position());
            }
            waiting--;
            left = place.ended(PlaceStatus.LEFT, QueueReason.LEFT);
            places.save(left);
        }
        progressDue = true;
        events.add(new RoomEvent.Left(requestId, at, servingCounter, left));
        updateMode(at, events);
        return events;
    }

    /** The organizer changes the policy and/or pauses or resumes admission; {@code null} leaves a part as it is. */
    public List<RoomEvent> changePolicy(String requestId, Policy newPolicy, Boolean pause, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        if (newPolicy != null && !newPolicy.problems().isEmpty()) {
            events.add(new RoomEvent.Rejected(
                    requestId,
                    at,
                    servingCounter,
                    null,
                    QueueReason.INVALID_POLICY,
                    String.join("; ", newPolicy.problems())));
            return events;
        }
        if (newPolicy != null) {
            policy = newPolicy;
        }
        if (pause != null) {
            paused = pause;
        }
        progressUrgent = true;
        events.add(new RoomEvent.PolicyChanged(requestId, at, servingCounter, policy, paused));
        updateMode(at, events);
        return events;
    }

    /**
     * The edges' word on checkout: the share of the policy's admit rate it can take now ({@code 1}: healthy) and why
     * it is lower. Admission follows at the next tick, never above the organizer's rate; a slowdown nobody renews
     * lapses ({@link CheckoutHealth#LAPSES_AFTER}). Queue-progress says at once what the rate is now and why.
     */
    public List<RoomEvent> checkoutHealth(double share, String slowedBecause, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        CheckoutHealth said = new CheckoutHealth(share, slowedBecause, at);
        RoomState before = state();
        boolean changes = before.admitLimitAt(at) != said.admitRate(policy.maxAdmitRatePerSecond())
                || !Objects.equals(before.slowedBecauseAt(at), said.slowedBecause());
        checkout = said;
        if (changes) {
            progressUrgent = true;
        }
        return events;
    }

    /**
     * The event's config as now in the catalogue: a new queue policy there replaces the one in force (including live
     * changes); a new sale-open time counts until the draw.
     */
    public List<RoomEvent> configure(Policy configured, Instant configuredSaleOpensAt, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        if (!presaleDrawn && !configuredSaleOpensAt.equals(saleOpensAt)) {
            saleOpensAt = configuredSaleOpensAt;
            progressUrgent = true;
        }
        if (!configured.equals(configuredPolicy) && configured.problems().isEmpty()) {
            configuredPolicy = configured;
            policy = configured;
            progressUrgent = true;
            events.add(new RoomEvent.PolicyChanged(null, at, servingCounter, policy, paused));
        }
        drawIfDue(at, events);
        updateMode(at, events);
        return events;
    }

    /**
     * A buyer's checkout ended ({@link QueueReason#CONFIRMED}, {@link QueueReason#CANCELLED},
     * {@link QueueReason#EXPIRED}, or {@link QueueReason#ENDED} unnamed): the shopper slot comes back.
     */
    public List<RoomEvent> checkoutEnded(String buyerId, QueueReason outcome, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        Optional<Place> place = places.find(buyerId).filter(found -> found.status() == PlaceStatus.ADMITTED);
        if (place.isPresent()) {
            endShopping(place.get(), PlaceStatus.DONE, outcome, at, events);
            progressDue = true;
            updateMode(at, events);
        }
        return events;
    }

    /** The event sold out ({@code true}: stop admitting) or inventory came back ({@code false}: admit again). */
    public List<RoomEvent> soldOut(boolean nowSoldOut, Instant at) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(at, events);
        if (soldOut != nowSoldOut) {
            soldOut = nowSoldOut;
            progressUrgent = true;
        }
        updateMode(at, events);
        return events;
    }

    /**
     * The wall-clock tick: draw at opening, close ended purchase windows, serve the next batch of waiting positions
     * (at most the admit rate times the elapsed time, and no more than the free shopper slots), update the observed
     * rate and the mode.
     */
    public List<RoomEvent> tick(Instant now) {
        List<RoomEvent> events = new ArrayList<>();
        drawIfDue(now, events);
        for (Places.WindowEnd window : places.windowsEndedBy(now, WINDOW_CLOSINGS_PER_TICK)) {
            Optional<Place> place = places.find(window.buyerId());
            if (place.isPresent()
                    && place.get().status() == PlaceStatus.ADMITTED
                    && window.endsAt().equals(place.get().windowEndsAt())) {
                endShopping(place.get(), PlaceStatus.DONE, QueueReason.WINDOW_CLOSED, now, events);
            } else {
                places.closeWindow(window.endsAt(), window.buyerId()); // an entry its place no longer points to
            }
        }
        Duration elapsed = lastTickAt == null ? LONGEST_TICK : Duration.between(lastTickAt, now);
        if (elapsed.isNegative()) {
            elapsed = Duration.ZERO;
        }
        double seconds = Math.min(elapsed.toMillis(), LONGEST_TICK.toMillis()) / 1000.0;
        if (checkout != null && !checkout.inForceAt(now)) {
            checkout = null; // nobody renewed the slowdown: back to the organizer's rate, and say so
            progressUrgent = true;
        }
        if (admitting()) {
            int rate = checkout == null
                    ? policy.maxAdmitRatePerSecond()
                    : checkout.admitRate(policy.maxAdmitRatePerSecond());
            admitCredit = Math.min(admitCredit + rate * seconds, rate);
            long freeSlots = Math.max(0, policy.targetActiveShoppers() - activeShoppers);
            long budget = Math.min((long) Math.floor(admitCredit), freeSlots);
            if (budget > 0 && servingCounter < lastPosition) {
                serveBatch(budget, now, events);
            }
        } else {
            admitCredit = 0;
        }
        if (seconds > 0) {
            double observed = admittedSinceTick / seconds;
            double smoothed = RATE_SMOOTHING * observed + (1 - RATE_SMOOTHING) * observedAdmitRate;
            observedAdmitRate = smoothed < 0.01 ? 0.0 : smoothed;
            if (admittedSinceTick > 0 || observedAdmitRate > 0) {
                progressDue = true;
            }
            admittedSinceTick = 0;
        }
        lastTickAt = now;
        updateMode(now, events);
        return events;
    }

    // ---- the rules ----------------------------------------------------------------------------------------

    private boolean admitting() {
        return presaleDrawn && !paused && !soldOut;
    }

    private boolean passesThrough() {
        return admitting() && waiting == 0 && activeShoppers < policy.activationThreshold();
    }

    private Mode currentMode() {
        if (soldOut) {
            return Mode.SOLD_OUT;
        }
        if (paused) {
            return Mode.PAUSED;
        }
        if (!presaleDrawn) {
            return Mode.PRE_SALE;
        }
        if (waiting > 0 || activeShoppers >= policy.activationThreshold()) {
            return Mode.QUEUING;
        }
        return Mode.PASS_THROUGH;
    }

    private void updateMode(Instant at, List<RoomEvent> events) {
        Mode now = currentMode();
        if (now != mode) {
            events.add(new RoomEvent.ModeChanged(at, servingCounter, mode, now));
            mode = now;
            progressUrgent = true;
        }
    }

    private void serveBatch(long budget, Instant now, List<RoomEvent> events) {
        long from = servingCounter + 1;
        long admitted = 0;
        long position = from;
        while (admitted < budget && position <= lastPosition) {
            Optional<String> holder = places.holderOf(position);
            if (holder.isPresent()) {
                Optional<Place> place = places.find(holder.get());
                if (place.isPresent()
                        && place.get().status() == PlaceStatus.WAITING
                        && place.get().position() == position) {
                    places.save(admit(place.get(), now));
                    waiting--;
                    admitted++;
                }
                places.vacate(position);
            }
            servingCounter = position;
            position++;
        }
        if (waiting == 0) {
            servingCounter = lastPosition;
        }
        admitCredit -= admitted;
        progressDue = true;
        if (admitted > 0) {
            events.add(new RoomEvent.Admitted(
                    now, servingCounter, from, servingCounter, admitted, now.plus(policy.purchaseWindow())));
        }
    }

    private Place admit(Place place, Instant at) {
        Instant admittedAt = notBeforeTheRoomsLatest(at);
        Instant windowEnd = admittedAt.plus(policy.purchaseWindow());
        places.openWindow(windowEnd, place.buyerId());
        activeShoppers++;
        admittedTotal++;
        admittedSinceTick++;
        lastAdmittedAt = admittedAt;
        return place.admitted(admittedAt, windowEnd);
    }

    /**
     * A command carries its record time, which can be older than the room's last tick: under load a join waits in its
     * topic while the room serves a batch on the wall clock. Admissions are dated in the order the room makes them,
     * never before one it already made (nor before the draw that gave the smaller positions out), so a position passed
     * through after a batch never reads as admitted before it, and its purchase window is not shortened by the wait.
     */
    private Instant notBeforeTheRoomsLatest(Instant at) {
        Instant latest = at;
        if (lastTickAt != null && lastTickAt.isAfter(latest)) {
            latest = lastTickAt;
        }
        if (lastAdmittedAt != null && lastAdmittedAt.isAfter(latest)) {
            latest = lastAdmittedAt;
        }
        return latest;
    }

    private Place endShopping(
            Place place, PlaceStatus endStatus, QueueReason reason, Instant at, List<RoomEvent> events) {
        places.closeWindow(place.windowEndsAt(), place.buyerId());
        activeShoppers = Math.max(0, activeShoppers - 1);
        Place ended = place.ended(endStatus, reason);
        places.save(ended);
        progressDue = true;
        events.add(new RoomEvent.SlotReleased(at, servingCounter, ended, reason));
        return ended;
    }

    private static boolean windowEnded(Place place, Instant at) {
        return place.windowEndsAt() != null && !at.isBefore(place.windowEndsAt());
    }

    /** At sale open: give the pre-sale tickets their drawn positions 1..N, reveal the seed; later arrivals follow. */
    private void drawIfDue(Instant at, List<RoomEvent> events) {
        if (presaleDrawn || at.isBefore(saleOpensAt)) {
            return;
        }
        if (presaleCount > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many pre-sale tickets to draw in one go: " + presaleCount);
        }
        long[] positions = PresaleDraw.positions(presaleSeed, (int) presaleCount);
        for (long number = 1; number <= presaleCount; number++) {
            Optional<String> entrant = places.presaleEntrant(number);
            if (entrant.isPresent()) {
                Optional<Place> place = places.find(entrant.get());
                if (place.isPresent()
                        && place.get().status() == PlaceStatus.PRESALE
                        && place.get().presaleNumber() == number) {
                    long position = positions[(int) (number - 1)];
                    places.save(place.get().drawn(position));
                    places.hold(position, entrant.get());
                }
                places.forgetPresale(number);
            }
        }
        lastPosition = presaleCount;
        presaleDrawn = true;
        progressUrgent = true;
        events.add(new RoomEvent.PresaleDrawn(
                at, servingCounter, presaleCount, presaleSeed, PresaleDraw.commitment(presaleSeed)));
    }
}
