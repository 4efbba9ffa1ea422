"""Who is asking: the client's network address, believed from a proxy only when trusted.

Behind a reverse proxy (the repository's nginx, a load balancer, a CDN) every request
arrives from the proxy's address; the reader's own address is in `X-Forwarded-For`, which
the proxy appends to (MDN, "X-Forwarded-For"; RFC 7239 describes the same chain as
`Forwarded`). Anyone can send that header, so it is read only when the connection comes
from an address in `TRUSTED_PROXIES`, and then from the right: each trusted proxy appends
the address it saw, so the right-most address that is not itself a trusted proxy is the
first one no trusted party vouches against, and the one a client can't forge. Without a
trusted peer the header is ignored entirely.

The addresses are used only to tell clients apart for rate limits (postbag.ratelimit hashes
them at once); they are never stored or logged.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

# One IPv6 host is usually given a whole /64 (RFC 4291 §2.5.1; RFC 6177): its owner can
# use a fresh address for every request, so the block is what identifies the client.
IPV6_CLIENT_PREFIX = 64


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def trusted_networks():
    """TRUSTED_PROXIES as a tuple of ipaddress networks (an address is a /32 or /128).

    Raises ValueError for an entry that is neither an address nor a network; the settings
    module checks the entries at start-up, so that can only happen with test overrides.
    """
    return _networks(tuple(settings.TRUSTED_PROXIES))


def parse_address(text):
    """An ipaddress address from a header or REMOTE_ADDR entry, or None if it isn't one.

    Accepts `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]:443` and `"…"`-quoted
    forms; an IPv4-mapped IPv6 address (::ffff:1.2.3.4) is the IPv4 address it carries.
    """
    text = text.strip().strip('"')
    if text.startswith("["):  # [IPv6]:port
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # IPv4:port
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The client's address for `request` (an ipaddress address), or None if unknown.

    REMOTE_ADDR unless it is a trusted proxy; then the right-most `X-Forwarded-For`
    entry that is not a trusted proxy (or the left-most, if every entry is one). An entry
    that can't be read stops the walk: what lies to its left was written by the client.
    """
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    networks = trusted_networks()
    if peer is None or not is_trusted(peer, networks):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = peer
    for entry in reversed(forwarded.split(",")):
        address = parse_address(entry)
        if address is None:
            break
        client = address
        if not is_trusted(address, networks):
            break
    return client


def client_key(request):
    """The text that names the client for rate limits: its IPv4 address or IPv6 /64.

    For example `203.0.113.7` or `2001:db8:1:2::/64`; an empty string when the server gave
    no readable address (every such request then shares one limit).
    """
    address = client_address(request)
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)
