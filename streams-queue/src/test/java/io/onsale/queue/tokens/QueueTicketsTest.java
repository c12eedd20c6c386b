package io.onsale.queue.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class QueueTicketsTest {

    private static final SigningKey KEY = SigningKey.fromSecret("a-local-development-secret-of-32-bytes+");
    private static final SigningKey OTHER_KEY = SigningKey.fromSecret("another-secret-that-is-long-enough-too!");
    private final QueueTickets tickets = new QueueTickets(KEY);

    @Test
    void aSignedTicketVerifiesToTheSamePlace() {
        QueueTicket ticket = QueueTicket.position("E1", "alice", 1_234);

        String signed = tickets.sign(ticket);

        assertThat(signed).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(tickets.verify(signed, "E1", "alice").value()).isEqualTo(ticket);
        assertThat(tickets.verify(tickets.sign(QueueTicket.presale("E1", "bob", 7)), "E1", "bob")
                        .value()
                        .presale())
                .isTrue();
    }

    @Test
    void aTicketWithAChangedPositionIsRefused() {
        String signed = tickets.sign(QueueTicket.position("E1", "alice", 1_234));
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("qt1\nE1\nalice\nF\n1".getBytes(StandardCharsets.UTF_8));

        Verification<QueueTicket> verified =
                tickets.verify(forgedPayload + signed.substring(signed.indexOf('.')), "E1", "alice");

        assertThat(verified.refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aTicketSignedWithAnotherKeyIsRefused() {
        String signed = new QueueTickets(OTHER_KEY).sign(QueueTicket.position("E1", "alice", 1));

        assertThat(tickets.verify(signed, "E1", "alice").refusal()).isEqualTo(Refusal.BAD_SIGNATURE);
    }

    @Test
    void aTicketForAnotherEventOrAnotherBuyerIsRefused() {
        String signed = tickets.sign(QueueTicket.position("E1", "alice", 1));

        assertThat(tickets.verify(signed, "E2", "alice").refusal()).isEqualTo(Refusal.WRONG_EVENT);
        assertThat(tickets.verify(signed, "E1", "mallory").refusal()).isEqualTo(Refusal.WRONG_BUYER);
    }

    @Test
    void somethingThatIsNotATicketIsRefusedAsMalformed() {
        assertThat(tickets.verify(null).refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(tickets.verify("no-dot").refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(tickets.verify("a.b.c").refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(tickets.verify("***.***").refusal()).isEqualTo(Refusal.MALFORMED);
        assertThat(tickets.verify("x".repeat(2_000) + ".y").refusal()).isEqualTo(Refusal.MALFORMED);
    }

    @Test
    void anAdmissionTokenIsNeverAcceptedAsATicket() {
        String token = new AdmissionTokens(KEY)
                .mint(new AdmissionToken(
                        "E1", "alice", 1, java.time.Instant.EPOCH, java.time.Instant.EPOCH.plusSeconds(600)));

        assertThat(tickets.verify(token, "E1", "alice").isAccepted()).isFalse();
    }

    @Test
    void aKeyShorterThan256BitsIsRefusedAtConfiguration() {
        assertThatThrownBy(() -> SigningKey.fromSecret("too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(KEY.toString()).doesNotContain("secret");
    }
}
