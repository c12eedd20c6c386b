package io.onsale.queue.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Signs and verifies queue tickets: {@code base64url(payload) "." base64url(HMAC-SHA256(key, "qt1." + base64url(payload)))},
 * payload {@code "qt1\n" eventId "\n" buyerId "\n" ("P" | "F") "\n" number}. URL-safe, so a ticket can be a path
 * segment; verified in constant time ({@link MessageDigest#isEqual}), so any edge instance can answer a buyer's
 * status from the ticket alone.
 */
public final class QueueTickets {

    private static final String VERSION = "qt1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Longer than any real ticket; refuses absurd input before decoding it. */
    private static final int MAX_LENGTH = 1024;

    private final SigningKey key;

    /** @param secretKey the configured secret; the ticket key is derived from it for this purpose only */
    public QueueTickets(SigningKey secretKey) {
        this.key = secretKey.derive("queue-ticket");
    }

    public String sign(QueueTicket ticket) {
        String payload = String.join(
                "\n",
                VERSION,
                ticket.eventId(),
                ticket.buyerId(),
                ticket.presale() ? "P" : "F",
                Long.toString(ticket.number()));
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** Verifies signature and shape only; use {@link #verify(String, String, String)} to answer a buyer. */
    public Verification<QueueTicket> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Verification.refused(Refusal.MALFORMED, "no ticket, or too long");
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Verification.refused(Refusal.MALFORMED, "a ticket has two parts separated by one '.'");
        }
        String encoded = token.substring(0, dot);
        byte[] given;
        byte[] payloadBytes;
        try {
            given = DECODER.decode(token.substring(dot + 1));
            payloadBytes = DECODER.decode(encoded);
        } catch (IllegalArgumentException e) {
            return Verification.refused(Refusal.MALFORMED, "not base64url");
        }
        if (!MessageDigest.isEqual(mac(encoded), given)) {
            return Verification.refused(Refusal.BAD_SIGNATURE, "the ticket's signature does not match");
        }
        String[] parts = new String(payloadBytes, StandardCharsets.UTF_8).split("\n", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !(parts[3].equals("P") || parts[3].equals("F"))) {
            return Verification.refused(Refusal.MALFORMED, "unknown ticket layout");
        }
        try {
            return Verification.accepted(
                    new QueueTicket(parts[1], parts[2], Long.parseLong(parts[4]), parts[3].equals("P")));
        } catch (IllegalArgumentException e) {
            return Verification.refused(Refusal.MALFORMED, e.getMessage());
        }
    }

    /** Verifies the ticket and that it belongs to this event and this (authenticated) buyer. */
    public Verification<QueueTicket> verify(String token, String eventId, String buyerId) {
        Verification<QueueTicket> verified = verify(token);
        if (!verified.isAccepted()) {
            return verified;
        }
        if (!verified.value().eventId().equals(eventId)) {
            return Verification.refused(Refusal.WRONG_EVENT, "the ticket is for another event");
        }
        if (!verified.value().buyerId().equals(buyerId)) {
            return Verification.refused(Refusal.WRONG_BUYER, "the ticket belongs to another buyer");
        }
        return verified;
    }

    private byte[] mac(String encodedPayload) {
        return key.mac((VERSION + "." + encodedPayload).getBytes(StandardCharsets.US_ASCII));
    }
}
