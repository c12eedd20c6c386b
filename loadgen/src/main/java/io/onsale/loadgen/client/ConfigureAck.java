package io.onsale.loadgen.client;

/** The answer to an event configuration: {@code READY} (200, live on that instance) or {@code ACCEPTED} (202). */
public record ConfigureAck(String eventId, String status) {}
