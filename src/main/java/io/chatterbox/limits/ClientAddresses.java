package io.chatterbox.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The key a client address is limited under. IPv4 addresses count one by one; an IPv6 client usually holds a whole
 * /64 and could rotate through it, so IPv6 addresses count per /64 network.
 */
public final class ClientAddresses {

    private static final int IPV6_PREFIX_BYTES = 8;

    private ClientAddresses() {
    }

    /** @param hostAddress the peer's numeric address, as the socket reports it (never a client-supplied header) */
    public static String key(String hostAddress) {
        if (hostAddress == null || hostAddress.indexOf(':') < 0) {
            return String.valueOf(hostAddress);
        }
        try {
            // A literal containing ':' is parsed as IPv6 without any name lookup.
            InetAddress address = InetAddress.getByName(hostAddress);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress(); // an IPv4-mapped address
            }
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, IPV6_PREFIX_BYTES, 16, (byte) 0);
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException notNumeric) {
            return hostAddress;
        }
    }
}
