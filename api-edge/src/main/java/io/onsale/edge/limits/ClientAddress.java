package io.onsale.edge.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The key of a client's anonymous bucket: its IPv4 address, or its IPv6 /64 (one subscriber usually holds a whole
 * /64, so per-address buckets would be free to multiply). The address is the connection's, or the forwarded one
 * when {@code server.forward-headers-strategy} trusts a proxy in front.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return "unknown";
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
