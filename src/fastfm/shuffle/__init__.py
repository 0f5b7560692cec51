"""Smart shuffle: per-user shuffle sessions over a playlist or the liked songs."""
