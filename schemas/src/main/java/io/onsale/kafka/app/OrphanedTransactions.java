package io.onsale.kafka.app;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of an app's open transactions no running member of its group can finish: those of a stream thread whose
 * process died (kill -9, a lost machine) or whose thread was replaced. Kafka Streams (exactly-once v2) names a stream
 * thread's transactions {@code <application.id>-<processId>-<n>} and its main consumer
 * {@code <application.id>-<processId>-StreamThread-<n>-consumer}, so a transaction is orphaned when no member of the
 * group has the client id of the thread that opened it. Transactions of other apps, and ids of any other form, are left
 * alone.
 */
final class OrphanedTransactions {

    private static final String PROCESS_ID =
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})";

    private final Pattern transaction;
    private final Pattern member;

    OrphanedTransactions(String applicationId) {
        String app = Pattern.quote(applicationId);
        this.transaction = Pattern.compile(app + "-" + PROCESS_ID + "-(\\d+)");
        this.member = Pattern.compile(app + "-" + PROCESS_ID + "-StreamThread-(\\d+)-consumer");
    }

    /** Whether {@code transactionalId} is one of this app's stream threads' transactions. */
    boolean isOurs(String transactionalId) {
        return transaction.matcher(transactionalId).matches();
    }

    /**
     * @param openTransactions transactional ids of transactions open for longer than a commit interval
     * @param memberClientIds  client ids of the group's members right now
     * @return the open transactions of this app that no member can finish
     */
    Set<String> toFence(Collection<String> openTransactions, Collection<String> memberClientIds) {
        Set<String> threads = new TreeSet<>();
        for (String clientId : memberClientIds) {
            Matcher m = member.matcher(clientId);
            if (m.matches()) {
                threads.add(thread(m.group(1), m.group(2)));
            }
        }
        Set<String> orphaned = new TreeSet<>();
        for (String id : openTransactions) {
            Matcher m = transaction.matcher(id);
            if (m.matches() && !threads.contains(thread(m.group(1), m.group(2)))) {
                orphaned.add(id);
            }
        }
        return orphaned;
    }

    private static String thread(String processId, String index) {
        return processId.toLowerCase(java.util.Locale.ROOT) + "#" + Integer.parseInt(index);
    }
}
