"""Qt layer: item models over the local cache (GUI thread; rows arrive through the bridge)."""
