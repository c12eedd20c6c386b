package io.onsale.edge.queue;

import io.onsale.edge.problem.ApiProblem;
import io.onsale.schema.config.QueuePolicy;

/** An organizer's partial change applied to the policy in force (plain Java); refuses what no room would take. */
final class PolicyChange {

    private PolicyChange() {}

    /** The whole new policy, or {@code null} when neither rate nor target changes. */
    static QueuePolicy apply(QueuePolicy inForce, Integer maxAdmitRatePerSecond, Integer targetActiveShoppers) {
        if (maxAdmitRatePerSecond == null && targetActiveShoppers == null) {
            return null;
        }
        QueuePolicy.Builder changed = QueuePolicy.newBuilder(inForce);
        if (maxAdmitRatePerSecond != null) {
            changed.setMaxAdmitRatePerSecond(atLeastOne("maxAdmitRatePerSecond", maxAdmitRatePerSecond));
        }
        if (targetActiveShoppers != null) {
            changed.setTargetActiveShoppers(atLeastOne("targetActiveShoppers", targetActiveShoppers));
        }
        return changed.build();
    }

    private static int atLeastOne(String field, int value) {
        if (value < 1) {
            throw ApiProblem.badRequest(
                    "invalid-queue-change", "\"" + field + "\" must be at least 1, got " + value + ".");
        }
        return value;
    }
}
