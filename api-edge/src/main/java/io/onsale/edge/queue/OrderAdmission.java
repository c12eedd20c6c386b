package io.onsale.edge.queue;

/**
 * For the order route served before WebFlux: whether {@link AdmissionFilter} would let this order through as it is,
 * unmarked. Any other case (no token, a refused or lapsed one, the rooms' progress not read yet) is left to the full
 * stack, whose filter gives the answer.
 */
public interface OrderAdmission {

    boolean admits(String eventId, String buyerId, String admissionToken);
}
