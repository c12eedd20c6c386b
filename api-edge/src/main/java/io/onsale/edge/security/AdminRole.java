package io.onsale.edge.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An administrator acts on every event (organizer/EventOwnership) and watches the platform: a token with the role
 * {@code ADMIN} passes the rules for {@code ORGANIZER} and {@code OPERATOR} too, without listing them.
 */
final class AdminRole {

    static final GrantedAuthority ADMIN = new SimpleGrantedAuthority("ROLE_ADMIN");
    private static final List<GrantedAuthority> IMPLIED = List.of(
            new SimpleGrantedAuthority("ROLE_ORGANIZER"),
            new SimpleGrantedAuthority("ROLE_" + OperatorEndpoints.OPERATOR));

    private AdminRole() {}

    static Collection<GrantedAuthority> implied(Collection<GrantedAuthority> granted) {
        if (granted == null || !granted.contains(ADMIN)) {
            return granted;
        }
        List<GrantedAuthority> all = new ArrayList<>(granted);
        IMPLIED.stream().filter(role -> !all.contains(role)).forEach(all::add);
        return all;
    }
}
