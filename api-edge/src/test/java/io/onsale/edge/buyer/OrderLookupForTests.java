package io.onsale.edge.buyer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Brings buyer's {@link OrderLookup} into another feature's slice test, with its (package-private) recent answers,
 * empty; and names orders as the edge does.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(OrderLookup.class)
public class OrderLookupForTests {

    @Bean
    RecentOrders recentOrders() {
        return new RecentOrders(java.time.Clock.systemUTC());
    }

    /** The id of the order placed by the request {@code placeRequestId} ({@code place:<eventId>:<buyerId>:<key>}). */
    public static String orderIdOf(String eventId, String placeRequestId) {
        return OrderIds.orderIdOf(eventId, placeRequestId);
    }
}
