package io.onsale.kafka.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertKeysTest {

    @Test
    void aKeyIsTheAlertNameThenTheInstanceAndParsesBack() {
        String key = AlertKeys.of("PaymentGatewaySlow", "edge-1:8080");

        assertThat(key).isEqualTo("PaymentGatewaySlow|edge-1:8080");
        assertThat(AlertKeys.alertNameOf(key)).isEqualTo("PaymentGatewaySlow");
        assertThat(AlertKeys.instanceOf(key)).isEqualTo("edge-1:8080");
    }

    @Test
    void anInstanceWithTheSeparatorStillParsesBack() {
        String key = AlertKeys.of("EdgeServerErrors", "host|7");

        assertThat(AlertKeys.alertNameOf(key)).isEqualTo("EdgeServerErrors");
        assertThat(AlertKeys.instanceOf(key)).isEqualTo("host|7");
    }

    @Test
    void refusesAnAlertNameWithTheSeparatorAndAKeyWithoutOne() {
        assertThatThrownBy(() -> AlertKeys.of("a|b", "edge-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertKeys.alertNameOf("no-separator")).isInstanceOf(IllegalArgumentException.class);
    }
}
