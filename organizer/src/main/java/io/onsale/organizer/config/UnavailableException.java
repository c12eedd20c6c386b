package io.onsale.organizer.config;

/** Kafka could not be reached or did not answer in time; the message says what was tried. */
final class UnavailableException extends Exception {
    UnavailableException(String message) {
        super(message);
    }
}
