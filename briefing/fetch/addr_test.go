package fetch

import (
	"errors"
	"net/netip"
	"testing"
)

func TestAddrBlocked(t *testing.T) {
	tests := []struct {
		addr string
		// blocked without and with AllowLoopback
		blocked, blockedWithLoopback bool
	}{
		// public addresses pass
		{"93.184.215.14", false, false},
		{"8.8.8.8", false, false},
		{"2606:4700:4700::1111", false, false},
		{"64:ff9b::5db8:d70e", false, false}, // NAT64 of a public IPv4
		{"::ffff:93.184.215.14", false, false},
		// loopback: only with the option
		{"127.0.0.1", true, false},
		{"127.8.9.10", true, false},
		{"::1", true, false},
		{"::ffff:127.0.0.1", true, false},
		// never, whatever the option
		{"0.0.0.0", true, true},
		{"0.1.2.3", true, true},
		{"10.0.0.1", true, true},
		{"10.255.255.255", true, true},
		{"100.64.0.1", true, true},
		{"100.127.255.254", true, true},
		{"169.254.169.254", true, true},
		{"172.16.0.1", true, true},
		{"172.31.255.255", true, true},
		{"192.0.0.8", true, true},
		{"192.0.2.1", true, true},
		{"192.168.1.1", true, true},
		{"198.18.0.1", true, true},
		{"198.19.255.255", true, true},
		{"198.51.100.7", true, true},
		{"203.0.113.9", true, true},
		{"224.0.0.251", true, true},
		{"239.255.255.250", true, true},
		{"240.0.0.1", true, true},
		{"255.255.255.255", true, true},
		{"::", true, true},
		{"fc00::1", true, true},
		{"fd12:3456::1", true, true},
		{"fe80::1", true, true},
		{"fe80::1%eth0", true, true},
		{"ff02::1", true, true},
		{"2001:db8::1", true, true},
		{"2002:0a00:0001::1", true, true}, // 6to4 wrapping 10.0.0.1
		{"::ffff:10.0.0.1", true, true},
		{"::ffff:169.254.169.254", true, true},
		{"64:ff9b::a00:1", true, true}, // NAT64 of 10.0.0.1
		{"64:ff9b::7f00:1", true, false},
		{"::10.0.0.1", true, true}, // IPv4-compatible, deprecated
		{"100::1", true, true},
	}
	for _, tt := range tests {
		addr := netip.MustParseAddr(tt.addr)
		if got := addrBlocked(addr, false) != ""; got != tt.blocked {
			t.Errorf("addrBlocked(%s, loopback off) = %v, want %v", tt.addr, got, tt.blocked)
		}
		if got := addrBlocked(addr, true) != ""; got != tt.blockedWithLoopback {
			t.Errorf("addrBlocked(%s, loopback on) = %v, want %v", tt.addr, got, tt.blockedWithLoopback)
		}
	}
	if addrBlocked(netip.Addr{}, true) == "" {
		t.Error("the zero Addr must be blocked")
	}
}

func TestDialControl(t *testing.T) {
	tests := []struct {
		network, address string
		allowLoopback    bool
		wantBlocked      bool
	}{
		{"tcp4", "93.184.215.14:443", false, false},
		{"tcp6", "[2606:4700:4700::1111]:443", false, false},
		{"tcp4", "127.0.0.1:8080", false, true},
		{"tcp4", "127.0.0.1:8080", true, false},
		{"tcp4", "10.0.0.1:80", true, true},
		{"tcp6", "[fd00::1]:80", true, true},
		{"udp4", "93.184.215.14:53", false, true},
		{"tcp4", "not-an-address", false, true},
	}
	for _, tt := range tests {
		err := dialControl(tt.allowLoopback)(tt.network, tt.address, nil)
		if got := errors.Is(err, ErrBlockedAddress); got != tt.wantBlocked {
			t.Errorf("control(%s %s, loopback %v) = %v, want blocked %v", tt.network, tt.address, tt.allowLoopback, err, tt.wantBlocked)
		}
	}
}
