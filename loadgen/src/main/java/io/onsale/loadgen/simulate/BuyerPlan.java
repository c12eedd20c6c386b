package io.onsale.loadgen.simulate;

import io.onsale.loadgen.client.EventConfig.Section;
import io.onsale.loadgen.client.OrderRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Who comes when and asks for what, decided up front from a seed so a run can be replayed: each buyer's arrival
 * (some before the sale opens), and a first order of specific adjacent seats in a popular section (front rows
 * preferred), best-available in a section, or a quantity on the floor.
 */
final class BuyerPlan {

    /** What a buyer first asks for. */
    enum Intent {
        SEATS,
        BEST_AVAILABLE,
        GENERAL_ADMISSION
    }

    /**
     * One buyer.
     *
     * @param arrivalMillis when they arrive, from the sale's opening (negative: before it opens)
     * @param random        their own stream of decisions (take the alternative? abandon?), seeded from the plan
     */
    record Buyer(int index, String buyerId, long arrivalMillis, Intent intent, OrderRequest firstOrder, long random) {}

    /** How buyers behave; shares are fractions of 1. */
    record Mix(
            double bestAvailableShare,
            double generalAdmissionShare,
            double preOpenShare,
            long preOpenMillis,
            long arrivalWindowMillis,
            ArrivalShape shape) {}

    /** How many tickets a buyer wants: mostly pairs. */
    private static final int[] QUANTITY = {1, 1, 2, 2, 2, 2, 2, 3, 4, 4};

    private final List<Buyer> buyers;

    private BuyerPlan(List<Buyer> buyers) {
        this.buyers = buyers;
    }

    static BuyerPlan create(int count, Venue venue, Mix mix, long seed) {
        Random random = new Random(seed);
        List<Section> reserved = venue.reservedSections();
        double[] reservedWeights = weights(venue, reserved);
        boolean hasFloor = venue.sections().stream().anyMatch(section -> !section.isReserved());
        List<List<SeatRow>> rowsBySection = reserved.stream().map(SeatRow::rows).toList();
        Buyer[] plan = new Buyer[count];
        for (int i = 0; i < count; i++) {
            long arrival = random.nextDouble() < mix.preOpenShare()
                    ? -1 - (long) (random.nextDouble() * mix.preOpenMillis())
                    : mix.shape().offsetMillis(random, mix.arrivalWindowMillis());
            int quantity = QUANTITY[random.nextInt(QUANTITY.length)];
            double kind = random.nextDouble();
            Intent intent;
            OrderRequest order;
            if ((hasFloor && kind < mix.generalAdmissionShare()) || reserved.isEmpty()) {
                intent = Intent.GENERAL_ADMISSION;
                order = OrderRequest.inSection(Venue.FLOOR, quantity);
            } else {
                int pick = pick(random, reservedWeights);
                Section section = reserved.get(pick);
                if (kind < mix.generalAdmissionShare() + mix.bestAvailableShare()) {
                    intent = Intent.BEST_AVAILABLE;
                    order = OrderRequest.inSection(section.sectionId(), quantity);
                } else {
                    intent = Intent.SEATS;
                    order = OrderRequest.seats(adjacentSeats(random, rowsBySection.get(pick), quantity));
                }
            }
            plan[i] = new Buyer(i, String.format("buyer-%06d", i + 1), arrival, intent, order, random.nextLong());
        }
        // In arrival order: the simulation releases them by walking this list.
        Arrays.sort(plan, Comparator.comparingLong(Buyer::arrivalMillis).thenComparingInt(Buyer::index));
        return new BuyerPlan(List.of(plan));
    }

    List<Buyer> buyers() {
        return buyers;
    }

    private static double[] weights(Venue venue, List<Section> reserved) {
        double[] weights = new double[reserved.size()];
        for (int i = 0; i < reserved.size(); i++) {
            weights[i] = venue.popularity().get(venue.sections().indexOf(reserved.get(i)));
        }
        return weights;
    }

    static int pick(Random random, double[] weights) {
        double total = Arrays.stream(weights).sum();
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Adjacent seats in one row; rows near the stage are wanted more (the square of a uniform draw). */
    static List<String> adjacentSeats(Random random, List<SeatRow> rows, int quantity) {
        double u = random.nextDouble();
        SeatRow row = rows.get(Math.min(rows.size() - 1, (int) (u * u * rows.size())));
        int wanted = Math.min(quantity, row.seatIds().size());
        int start = random.nextInt(row.seatIds().size() - wanted + 1);
        return new ArrayList<>(row.seatIds().subList(start, start + wanted));
    }

    /** The seats of one row, in seat-number order. */
    record SeatRow(String row, List<String> seatIds) {
        static List<SeatRow> rows(Section section) {
            List<SeatRow> rows = new ArrayList<>();
            String current = null;
            List<String> seats = null;
            for (var seat : section.seats()) {
                if (!seat.row().equals(current)) {
                    current = seat.row();
                    seats = new ArrayList<>();
                    rows.add(new SeatRow(current, seats));
                }
                seats.add(seat.seatId());
            }
            return rows;
        }
    }
}
