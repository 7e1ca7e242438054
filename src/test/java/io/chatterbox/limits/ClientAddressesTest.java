package io.chatterbox.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientAddresses.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.key("203.0.113.8")).isNotEqualTo(ClientAddresses.key("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        String one = ClientAddresses.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        String sameNetwork = ClientAddresses.key("2001:db8:1:2::1");
        String otherNetwork = ClientAddresses.key("2001:db8:1:3::1");

        assertThat(one).isEqualTo(sameNetwork).endsWith("/64");
        assertThat(otherNetwork).isNotEqualTo(one);
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() {
        assertThat(ClientAddresses.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
