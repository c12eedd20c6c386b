package io.onsale.queue.topology;

import io.onsale.kafka.compat.QueueReasons;
import io.onsale.queue.domain.CheckoutHealth;
import io.onsale.queue.domain.Mode;
import io.onsale.queue.domain.Place;
import io.onsale.queue.domain.PlaceStatus;
import io.onsale.queue.domain.Policy;
import io.onsale.queue.domain.QueueReason;
import io.onsale.queue.domain.RoomEvent;
import io.onsale.queue.domain.RoomState;
import io.onsale.schema.config.QueuePolicy;
import io.onsale.schema.queue.QueueEvent;
import io.onsale.schema.queue.QueueEventType;
import io.onsale.schema.queue.QueueMode;
import io.onsale.schema.queue.QueuePlace;
import io.onsale.schema.queue.QueuePlaceStatus;
import io.onsale.schema.queue.QueueProgress;
import io.onsale.schema.queue.QueueRoom;
import java.time.Duration;
import java.time.Instant;

/** Translates between the wire and store records and the plain-Java domain of the waiting room. */
final class AvroMapping {

    private AvroMapping() {}

    static Policy toPolicy(QueuePolicy policy) {
        return new Policy(
                policy.getActivationThreshold(),
                policy.getMaxAdmitRatePerSecond(),
                policy.getTargetActiveShoppers(),
                Duration.ofMinutes(policy.getPurchaseWindowMinutes()));
    }

    static QueuePolicy fromPolicy(Policy policy) {
        return QueuePolicy.newBuilder()
                .setActivationThreshold(policy.activationThreshold())
                .setMaxAdmitRatePerSecond(policy.maxAdmitRatePerSecond())
                .setTargetActiveShoppers(policy.targetActiveShoppers())
                .setPurchaseWindowMinutes((int) policy.purchaseWindow().toMinutes())
                .build();
    }

    static RoomState toState(QueueRoom room) {
        return new RoomState(
                room.getEventId(),
                toMode(room.getMode()),
                toPolicy(room.getPolicy()),
                toPolicy(room.getConfiguredPolicy()),
                room.getPaused(),
                room.getSoldOut(),
                room.getSaleOpensAt(),
                room.getPresaleCount(),
                room.getPresaleDrawn(),
                room.getPresaleSeed(),
                room.getLastPosition(),
                room.getServingCounter(),
                room.getWaiting(),
                room.getActiveShoppers(),
                room.getAdmittedTotal(),
                room.getAdmittedSinceTick(),
                room.getAdmitCredit(),
                room.getObservedAdmitRate(),
                room.getLastTickAt(),
                room.getLastAdmittedAt(),
                room.getProgressDue(),
                room.getCheckoutHealthAt() == null
                        ? null
                        : new CheckoutHealth(
                                room.getCheckoutShare(), room.getSlowedBecause(), room.getCheckoutHealthAt()));
    }

    static QueueRoom fromState(RoomState state) {
        return QueueRoom.newBuilder()
                .setEventId(state.eventId())
                .setMode(fromMode(state.mode()))
                .setPolicy(fromPolicy(state.policy()))
                .setConfiguredPolicy(fromPolicy(state.configuredPolicy()))
                .setPaused(state.paused())
                .setSoldOut(state.soldOut())
                .setSaleOpensAt(state.saleOpensAt())
                .setPresaleCount(state.presaleCount())
                .setPresaleDrawn(state.presaleDrawn())
                .setPresaleSeed(state.presaleSeed())
                .setLastPosition(state.lastPosition())
                .setServingCounter(state.servingCounter())
                .setWaiting(state.waiting())
                .setActiveShoppers(state.activeShoppers())
                .setAdmittedTotal(state.admittedTotal())
                .setAdmittedSinceTick(state.admittedSinceTick())
                .setAdmitCredit(state.admitCredit())
                .setObservedAdmitRate(state.observedAdmitRate())
                .setLastTickAt(state.lastTickAt())
                .setLastAdmittedAt(state.lastAdmittedAt())
                .setProgressDue(state.progressDue())
                .setCheckoutShare(
                        state.checkout() == null ? 1.0 : state.checkout().share())
                .setSlowedBecause(
                        state.checkout() == null ? null : state.checkout().slowedBecause())
                .setCheckoutHealthAt(
                        state.checkout() == null ? null : state.checkout().at())
                .build();
    }

    static QueueProgress toProgress(RoomState state, Instant at) {
        return QueueProgress.newBuilder()
                .setEventId(state.eventId())
                .setServingCounter(state.servingCounter())
                .setLastPosition(state.lastPosition())
                .setWaiting(state.waiting())
                .setActiveShoppers(state.activeShoppers())
                .setMode(fromMode(state.mode()))
                .setAdmitRatePerSecond(Math.round(state.observedAdmitRate() * 100) / 100.0)
                .setSoldOut(state.soldOut())
                .setUpdatedAt(at)
                .setPaused(state.paused())
                .setPolicy(fromPolicy(state.policy()))
                .setSaleOpensAt(state.saleOpensAt())
                .setPresaleCount(state.presaleCount())
                .setPresaleSeedCommitment(state.presaleSeedCommitment())
                .setPresaleSeed(state.revealedSeed())
                .setAdmittedTotal(state.admittedTotal())
                .setLastAdmittedAt(state.lastAdmittedAt())
                .setAdmitLimitPerSecond(state.admitLimitAt(at))
                .setSlowedBecause(state.slowedBecauseAt(at))
                .build();
    }

    static Place toPlace(QueuePlace place) {
        return new Place(
                place.getBuyerId(),
                place.getRequestId(),
                toStatus(place.getStatus()),
                place.getPosition(),
                place.getPresaleNumber(),
                place.getJoinedAt(),
                place.getAdmittedAt(),
                place.getWindowEndsAt(),
                fromWire(QueueReasons.endOf(place)));
    }

    static QueuePlace fromPlace(String eventId, Place place) {
        return QueuePlace.newBuilder()
                .setEventId(eventId)
                .setBuyerId(place.buyerId())
                .setRequestId(place.requestId())
                .setStatus(QueuePlaceStatus.valueOf(place.status().name()))
                .setPosition(place.position())
                .setPresaleNumber(place.presaleNumber())
                .setJoinedAt(place.joinedAt())
                .setAdmittedAt(place.admittedAt())
                .setWindowEndsAt(place.windowEndsAt())
                .setEndReason(nameOf(place.endReason()))
                .setEndReasonCode(toWire(place.endReason()))
                .build();
    }

    static QueueEvent toEvent(String eventId, RoomEvent event) {
        QueueEvent.Builder out = QueueEvent.newBuilder()
                .setEventId(eventId)
                .setDecidedAt(event.at())
                .setServingCounter(event.servingCounter());
        if (event instanceof RoomEvent.Joined joined) {
            out.setType(QueueEventType.JOINED).setRequestId(joined.requestId()).setDuplicate(joined.duplicate());
            withPlace(out, joined.place());
        } else if (event instanceof RoomEvent.Rejected rejected) {
            out.setType(QueueEventType.REJECTED)
                    .setRequestId(rejected.requestId())
                    .setBuyerId(rejected.buyerId())
                    // Readers before the typed field read the problems of an invalid policy in the string too.
                    .setReason(
                            rejected.detail() == null
                                    ? rejected.reason().name()
                                    : rejected.reason().name() + ": " + rejected.detail())
                    .setReasonCode(toWire(rejected.reason()))
                    .setReasonDetail(rejected.detail());
        } else if (event instanceof RoomEvent.Left left) {
            out.setType(QueueEventType.LEFT).setRequestId(left.requestId());
            withPlace(out, left.place());
        } else if (event instanceof RoomEvent.Admitted admitted) {
            out.setType(QueueEventType.ADMITTED)
                    .setFromPosition(admitted.fromPosition())
                    .setToPosition(admitted.toPosition())
                    .setAdmitted(admitted.admitted())
                    .setAdmittedAt(admitted.at())
                    .setWindowEndsAt(admitted.windowEndsAt());
        } else if (event instanceof RoomEvent.SlotReleased released) {
            out.setType(QueueEventType.SLOT_RELEASED)
                    .setReason(nameOf(released.reason()))
                    .setReasonCode(toWire(released.reason()));
            withPlace(out, released.place());
        } else if (event instanceof RoomEvent.ModeChanged changed) {
            out.setType(QueueEventType.MODE_CHANGED)
                    .setPreviousMode(fromMode(changed.previous()))
                    .setMode(fromMode(changed.mode()));
        } else if (event instanceof RoomEvent.PresaleDrawn drawn) {
            out.setType(QueueEventType.PRESALE_DRAWN)
                    .setPresaleCount(drawn.presaleCount())
                    .setPresaleSeed(drawn.seed())
                    .setPresaleSeedCommitment(drawn.seedCommitment());
        } else if (event instanceof RoomEvent.PolicyChanged changed) {
            out.setType(QueueEventType.POLICY_CHANGED)
                    .setRequestId(changed.requestId())
                    .setPolicy(fromPolicy(changed.policy()))
                    .setPaused(changed.paused());
        } else {
            throw new IllegalStateException(
                    "no wire form for " + event.getClass().getSimpleName());
        }
        return out.build();
    }

    private static void withPlace(QueueEvent.Builder out, Place place) {
        out.setBuyerId(place.buyerId())
                .setStatus(QueuePlaceStatus.valueOf(place.status().name()))
                .setPosition(place.position() > 0 ? place.position() : null)
                .setPresaleNumber(place.presaleNumber() > 0 ? place.presaleNumber() : null)
                .setAdmittedAt(place.admittedAt())
                .setWindowEndsAt(place.windowEndsAt());
    }

    private static PlaceStatus toStatus(QueuePlaceStatus status) {
        if (status == QueuePlaceStatus.UNKNOWN) {
            throw new IllegalArgumentException("a stored place has a status this version does not know");
        }
        return PlaceStatus.valueOf(status.name());
    }

    static Mode toMode(QueueMode mode) {
        if (mode == QueueMode.UNKNOWN) {
            throw new IllegalArgumentException("a stored room has a mode this version does not know");
        }
        return Mode.valueOf(mode.name());
    }

    static QueueMode fromMode(Mode mode) {
        return QueueMode.valueOf(mode.name());
    }

    static io.onsale.schema.queue.QueueReason toWire(QueueReason reason) {
        return reason == null ? null : io.onsale.schema.queue.QueueReason.valueOf(reason.name());
    }

    static QueueReason fromWire(io.onsale.schema.queue.QueueReason reason) {
        return reason == null ? null : QueueReason.valueOf(reason.name());
    }

    private static String nameOf(QueueReason reason) {
        return reason == null ? null : reason.name();
    }
}
