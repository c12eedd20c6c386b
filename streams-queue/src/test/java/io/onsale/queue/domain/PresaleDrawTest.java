package io.onsale.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PresaleDrawTest {

    private static final String SEED = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String OTHER_SEED = "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    @Test
    void theDrawIsAPermutationOfPositionsOneToN() {
        long[] positions = PresaleDraw.positions(SEED, 1_000);

        assertThat(Arrays.stream(positions).sorted().toArray())
                .containsExactly(LongStream.rangeClosed(1, 1_000).toArray());
    }

    @Test
    void theDrawFollowsItsPublishedSpecificationSoAnyoneCanReRunIt() {
        // Computed by verify/presale_draw.py, the independent Python transcription of the specification.
        assertThat(PresaleDraw.positions(SEED, 10)).containsExactly(10, 3, 6, 4, 5, 2, 9, 1, 7, 8);
    }

    @Test
    void theSameSeedAlwaysDrawsTheSameOrderAndAnotherSeedAnotherOne() {
        assertThat(PresaleDraw.positions(SEED, 50)).containsExactly(PresaleDraw.positions(SEED, 50));
        assertThat(PresaleDraw.positions(SEED, 50)).isNotEqualTo(PresaleDraw.positions(OTHER_SEED, 50));
        assertThat(PresaleDraw.positionOf(SEED, 50, 7)).isEqualTo(PresaleDraw.positions(SEED, 50)[6]);
    }

    @Test
    void aRevealedSeedVerifiesAgainstItsCommitmentOnlyIfItIsTheSameSeed() {
        String commitment = PresaleDraw.commitment(SEED);

        assertThat(commitment).isEqualTo("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd");
        assertThat(PresaleDraw.verifies(SEED, commitment)).isTrue();
        assertThat(PresaleDraw.verifies(SEED, commitment.toUpperCase())).isTrue();
        assertThat(PresaleDraw.verifies(OTHER_SEED, commitment)).isFalse();
        assertThat(PresaleDraw.verifies(null, commitment)).isFalse();
    }

    @Test
    void everyTicketIsAboutEquallyLikelyToBeDrawnFirst() {
        int tickets = 5;
        int[] firsts = new int[tickets];
        byte[] seed = new byte[PresaleDraw.SEED_BYTES];
        for (int draw = 0; draw < 5_000; draw++) {
            seed[0] = (byte) draw;
            seed[1] = (byte) (draw >> 8);
            long[] positions = PresaleDraw.positions(HexFormat.of().formatHex(seed), tickets);
            for (int number = 0; number < tickets; number++) {
                if (positions[number] == 1) {
                    firsts[number]++;
                }
            }
        }
        assertThat(java.util.Arrays.stream(firsts).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(850, 1_150));
    }

    @Test
    void noTicketsDrawNothingAndAnUnknownTicketIsRefused() {
        assertThat(PresaleDraw.positions(SEED, 0)).isEmpty();
        assertThatThrownBy(() -> PresaleDraw.positionOf(SEED, 3, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
