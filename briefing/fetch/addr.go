package fetch

import (
	"fmt"
	"net/netip"
	"syscall"
)

// blockedPrefixes are the special-purpose ranges (IANA IPv4 and IPv6
// Special-Purpose Address Registries, plus multicast and reserved space)
// that a public news site never lives in. Loopback is handled apart so that
// tests can allow it.
var blockedPrefixes = mustPrefixes(
	// IPv4
	"0.0.0.0/8",       // "this network", includes 0.0.0.0
	"10.0.0.0/8",      // private
	"100.64.0.0/10",   // carrier-grade NAT
	"169.254.0.0/16",  // link-local, cloud metadata
	"172.16.0.0/12",   // private
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // TEST-NET-1
	"192.31.196.0/24", // AS112
	"192.52.193.0/24", // AMT
	"192.88.99.0/24",  // 6to4 relay anycast
	"192.168.0.0/16",  // private
	"192.175.48.0/24", // AS112 direct delegation
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // TEST-NET-2
	"203.0.113.0/24",  // TEST-NET-3
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, includes 255.255.255.255 broadcast
	// IPv6
	"::/128",         // unspecified
	"::/96",          // IPv4-compatible (deprecated)
	"64:ff9b:1::/48", // local-use IPv4/IPv6 translation
	"100::/64",       // discard-only
	"2001::/23",      // IETF protocol assignments (Teredo, ORCHID, ...)
	"2001:db8::/32",  // documentation
	"2002::/16",      // 6to4: embeds an arbitrary IPv4 address
	"3fff::/20",      // documentation
	"5f00::/16",      // segment routing SIDs
	"fc00::/7",       // unique local
	"fe80::/10",      // link-local
	"fec0::/10",      // site-local (deprecated)
	"ff00::/8",       // multicast
)

// nat64Prefix is the well-known NAT64 prefix; an address in it stands for
// the IPv4 address in its last 32 bits, which is what gets checked.
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

func mustPrefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// addrBlocked reports why addr must not be dialled, or "" when it may be.
// IPv4-mapped and NAT64 IPv6 addresses are judged by their IPv4 address.
func addrBlocked(addr netip.Addr, allowLoopback bool) string {
	if !addr.IsValid() {
		return "invalid address"
	}
	addr = addr.WithZone("")
	if addr.Is4In6() {
		addr = addr.Unmap()
	}
	if addr.Is6() && nat64Prefix.Contains(addr) {
		b := addr.As16()
		addr = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	if addr.IsLoopback() {
		if allowLoopback {
			return ""
		}
		return "loopback"
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return "special-purpose range " + p.String()
		}
	}
	return ""
}

// dialControl returns a net.Dialer Control hook that refuses blocked
// addresses. It runs on every address actually dialled, after DNS, so
// redirects and DNS rebinding are covered too.
func dialControl(allowLoopback bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if network != "tcp4" && network != "tcp6" {
			return newError(ErrBlockedAddress, fmt.Errorf("dial %s %s: network not allowed", network, address), "")
		}
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return newError(ErrBlockedAddress, fmt.Errorf("parse dialled address %q: %w", address, err), "")
		}
		if why := addrBlocked(ap.Addr(), allowLoopback); why != "" {
			return newError(ErrBlockedAddress, fmt.Errorf("dial %s: %s", address, why), "")
		}
		return nil
	}
}
