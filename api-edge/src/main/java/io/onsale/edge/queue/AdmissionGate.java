package io.onsale.edge.queue;

import java.time.Clock;

/** {@link OrderAdmission} by the same check and the same view as {@link AdmissionFilter}. */
final class AdmissionGate implements OrderAdmission {

    private final AdmissionCheck check;
    private final QueueProgressView view;
    private final Clock clock;

    AdmissionGate(AdmissionCheck check, QueueProgressView view, Clock clock) {
        this.check = check;
        this.view = view;
        this.clock = clock;
    }

    @Override
    public boolean admits(String eventId, String buyerId, String admissionToken) {
        return view.caughtUp()
                && check.refusal(
                                view.progress(eventId),
                                view::givenUp,
                                eventId,
                                buyerId,
                                admissionToken,
                                clock.instant())
                        .isEmpty();
    }
}
